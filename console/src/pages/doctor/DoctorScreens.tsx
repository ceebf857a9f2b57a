import { Route, Routes } from 'react-router-dom';
import { Encounters } from './Encounters';
import { MyPrescriptions } from './MyPrescriptions';
import { NewPrescription } from './NewPrescription';

export default function DoctorScreens() {
  return (
    <Routes>
      <Route index element={<NewPrescription />} />
      <Route path="prescriptions" element={<MyPrescriptions />} />
      <Route path="encounters" element={<Encounters />} />
    </Routes>
  );
}
