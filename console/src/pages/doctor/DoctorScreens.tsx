import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { MyPrescriptions } from './MyPrescriptions';
import { NewPrescription } from './NewPrescription';

// The encounter form's date pickers are a chunk of their own: the prescription screen, the doctor's first, loads without them.
const Encounters = lazy(() => import('./Encounters').then((m) => ({ default: m.Encounters })));

export default function DoctorScreens() {
  return (
    <Routes>
      <Route index element={<NewPrescription />} />
      <Route path="prescriptions" element={<MyPrescriptions />} />
      <Route path="encounters" element={<Suspense fallback={<Loading />}><Encounters /></Suspense>} />
    </Routes>
  );
}
