import { Route, Routes } from 'react-router-dom';
import { CaseFileScreen } from './CaseFile';
import { CaseList } from './Cases';
import { FundsReceivedScreen } from './FundsReceived';
import { RecordScreen, RecordSearch } from './Records';
import { RiskScreen } from './Risk';
import { InstitutionProfile, PatientProfile } from './RiskProfiles';
import { ActorTimeline } from './Timeline';
import { TraceScreen } from './Trace';

export default function InvestigatorScreens() {
  return (
    <Routes>
      <Route index element={<TraceScreen />} />
      <Route path="trace/:claimId" element={<TraceScreen />} />
      <Route path="funds" element={<FundsReceivedScreen />} />
      <Route path="timeline" element={<ActorTimeline />} />
      <Route path="records" element={<RecordSearch />} />
      <Route path="records/:docType/:id" element={<RecordScreen />} />
      <Route path="risk" element={<RiskScreen />} />
      <Route path="risk/institutions/:id" element={<InstitutionProfile />} />
      <Route path="risk/patients/:patientRef" element={<PatientProfile />} />
      <Route path="cases" element={<CaseList />} />
      <Route path="cases/:caseId" element={<CaseFileScreen />} />
    </Routes>
  );
}
