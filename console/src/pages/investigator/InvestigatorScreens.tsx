import { Route, Routes } from 'react-router-dom';
import { FundsReceivedScreen } from './FundsReceived';
import { RecordScreen, RecordSearch } from './Records';
import { OversightPlaceholder } from './OversightPlaceholder';
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
      <Route path="risk" element={<OversightPlaceholder feature="risk" />} />
      <Route path="cases" element={<OversightPlaceholder feature="cases" />} />
    </Routes>
  );
}
