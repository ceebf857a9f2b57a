/** The signed-in frame: the role's menu, who is signed in, language, live-update state, sign-out. */
import { Badge, Button, Grid, Layout, Menu, Select, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Role } from '../api/model';
import { useEventsConnected } from '../events';
import { setLanguage } from '../i18n';
import { useSession, useSessionState } from '../session';

interface MenuEntry {
  path: string;
  label: string;
}

const MENUS: Record<Role, MenuEntry[]> = {
  doctor: [
    { path: '/app/doctor', label: 'menu.doctor.new' },
    { path: '/app/doctor/prescriptions', label: 'menu.doctor.mine' },
    { path: '/app/doctor/encounters', label: 'menu.doctor.encounters' },
  ],
  pharmacist: [
    { path: '/app/pharmacist', label: 'menu.pharmacist.verify' },
    { path: '/app/pharmacist/dispenses', label: 'menu.pharmacist.dispenses' },
  ],
  insurer: [
    { path: '/app/insurer', label: 'menu.insurer.claims' },
    { path: '/app/insurer/clearing', label: 'menu.insurer.clearing' },
    { path: '/app/insurer/policies', label: 'menu.insurer.policies' },
    { path: '/app/insurer/complaints', label: 'menu.insurer.complaints' },
  ],
  investigator: [
    { path: '/app/investigator', label: 'menu.investigator.trace' },
    { path: '/app/investigator/funds', label: 'menu.investigator.funds' },
    { path: '/app/investigator/timeline', label: 'menu.investigator.timeline' },
    { path: '/app/investigator/records', label: 'menu.investigator.records' },
    { path: '/app/investigator/risk', label: 'menu.investigator.risk' },
    { path: '/app/investigator/cases', label: 'menu.investigator.cases' },
  ],
  admin: [{ path: '/app/admin', label: 'menu.admin.home' }],
  observer: [],
};

export function AppLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { signOut } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const connected = useEventsConnected();
  const screens = Grid.useBreakpoint();
  const shown = MENUS[session.role];
  const selected = [...shown].sort((a, b) => b.path.length - a.path.length).find((e) => location.pathname === e.path || location.pathname.startsWith(`${e.path}/`));
  const narrow = !screens.lg;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '0 16px', background: '#0f2d52' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>{t('app.title')}</Typography.Text>
        {narrow && (
          <Select
            aria-label={t('app.menu')}
            style={{ minWidth: 160 }}
            value={selected?.path}
            onChange={(path: string) => navigate(path)}
            options={shown.map((e) => ({ value: e.path, label: t(e.label) }))}
          />
        )}
        <div style={{ flex: 1 }} />
        <Space size="middle" wrap={false}>
          <Badge status={connected ? 'success' : 'default'} text={<span style={{ color: '#cfd8e6' }}>{connected ? t('app.live') : t('app.offline')}</span>} />
          <span style={{ color: '#fff' }} data-testid="signed-in-user">
            {session.username} <Tag color="blue">{t(`roles.${session.role}`)}</Tag>
            {!narrow && <span style={{ color: '#cfd8e6' }}>{session.institutionId ?? session.region ?? session.org}</span>}
          </span>
          <Select size="small" value={i18n.language} onChange={setLanguage} options={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'EN' }]} aria-label={t('app.language')} />
          <Button size="small" onClick={() => void signOut().then(() => navigate('/app/sign-in', { replace: true }))}>{t('app.signOut')}</Button>
        </Space>
      </Layout.Header>
      <Layout>
        {!narrow && (
          <Layout.Sider width={200} theme="light">
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected.path] : []}
              items={shown.map((e) => ({ key: e.path, label: t(e.label) }))}
              onClick={({ key }) => navigate(key)}
              style={{ height: '100%' }}
            />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
