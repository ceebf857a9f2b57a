import { Route, Routes } from 'react-router-dom';
import { ClaimDetail } from './ClaimDetail';
import { ClaimQueue } from './ClaimQueue';
import { Clearing } from './Clearing';
import { Complaints } from './Complaints';
import { Policies } from './Policies';

export default function InsurerScreens() {
  return (
    <Routes>
      <Route index element={<ClaimQueue />} />
      <Route path="claims/:claimId" element={<ClaimDetail />} />
      <Route path="clearing" element={<Clearing />} />
      <Route path="policies" element={<Policies />} />
      <Route path="complaints" element={<Complaints />} />
    </Routes>
  );
}
