/**
 * The console's routes, all under /app (the gateway serves index.html for every GET /app/*):
 * sign-in and expiry outside the layout, each role's screens inside it, lazily loaded per role.
 */
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Role } from './api/model';
import { Loading } from './components/Loading';
import { EventsProvider } from './events';
import { AppLayout } from './pages/AppLayout';
import { Expired, NoAccess, NotFound } from './pages/Notices';
import { SignIn } from './pages/SignIn';
import { SessionProvider, useSessionState } from './session';

const DoctorScreens = lazy(() => import('./pages/doctor/DoctorScreens'));
const PharmacistScreens = lazy(() => import('./pages/pharmacist/PharmacistScreens'));
const InsurerScreens = lazy(() => import('./pages/insurer/InsurerScreens'));
const InvestigatorScreens = lazy(() => import('./pages/investigator/InvestigatorScreens'));
const AdminHome = lazy(() => import('./pages/AdminHome'));

export const HOME_OF: Record<Role, string> = {
  doctor: '/app/doctor',
  pharmacist: '/app/pharmacist',
  insurer: '/app/insurer',
  investigator: '/app/investigator',
  admin: '/app/admin',
  // FT-05 patient observers sign in through the gateway (routes /observer/...); no console screens for them yet.
  observer: '/app/observer',
};

/** A role's screens; anyone else signed in sees the no-access page at the same address. */
function ForRole({ role, children }: { role: Role; children: ReactNode }) {
  const { state } = useSessionState();
  if (state.phase !== 'signedIn') return null;
  if (state.session.role !== role) return <NoAccess />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function SignedIn() {
  const { state } = useSessionState();
  const location = useLocation();
  if (state.phase === 'loading') return <Loading />;
  if (state.phase === 'signedOut') {
    if (state.expired) return <Expired />;
    return <Navigate to="/app/sign-in" replace state={{ from: location.pathname }} />;
  }
  return (
    <EventsProvider>
      <AppLayout>
        <Routes>
          <Route index element={<Navigate to={HOME_OF[state.session.role]} replace />} />
          <Route path="doctor/*" element={<ForRole role="doctor"><DoctorScreens /></ForRole>} />
          <Route path="pharmacist/*" element={<ForRole role="pharmacist"><PharmacistScreens /></ForRole>} />
          <Route path="insurer/*" element={<ForRole role="insurer"><InsurerScreens /></ForRole>} />
          <Route path="investigator/*" element={<ForRole role="investigator"><InvestigatorScreens /></ForRole>} />
          <Route path="admin/*" element={<ForRole role="admin"><AdminHome /></ForRole>} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </AppLayout>
    </EventsProvider>
  );
}

function Localised({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1d5fbf', borderRadius: 6 } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <Localised>
      <BrowserRouter>
        <SessionProvider>
          <Routes>
            <Route path="/app/sign-in" element={<SignIn />} />
            <Route path="/app/*" element={<SignedIn />} />
            <Route path="*" element={<Navigate to="/app" replace />} />
          </Routes>
        </SessionProvider>
      </BrowserRouter>
    </Localised>
  );
}
