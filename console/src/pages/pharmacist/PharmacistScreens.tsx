import { Route, Routes } from 'react-router-dom';
import { PharmacyRecords } from './PharmacyRecords';
import { VerifyEntry, VerifyScreen } from './Verify';

export default function PharmacistScreens() {
  return (
    <Routes>
      <Route index element={<VerifyEntry />} />
      <Route path="verify/:rxId" element={<VerifyScreen />} />
      <Route path="dispenses" element={<PharmacyRecords />} />
    </Routes>
  );
}
