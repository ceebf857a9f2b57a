/**
 * Investigation cases of a region (FT-01, FT-02): every case or the overdue ones, each with its
 * 15-working-day clock counted on the region's calendar, and opening a case naming its subjects
 * (institutions, doctors by licence id, patients by patientRef — never a name or an ID number).
 */
import { Button, Card, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import { useInsurerRegions } from '../../api/insurer-regions';
import { CASE_FRAUD_TYPES, CASE_SUBJECT_KINDS, type CaseFraudType, type CasePage, type CaseSubjectKind, type CaseView, type OverdueCases, type Written } from '../../api/model';
import { PagedTable, StatusTag, useLoad } from '../../components/data';
import { ErrorAlert, showFieldErrors } from '../../components/errors';
import { chinaToday, workingDaysLeft, type WorkCalendar } from '../../components/working-days';
import { useLedgerEvents } from '../../events';

const NO_CALENDAR: WorkCalendar = { holidays: [], extraWorkdays: [] };

/** The region's working-day calendar (weekends only until one is set). */
export function useCalendar(region: string | undefined): WorkCalendar {
  const calendar = useLoad(
    () => (region ? answer<WorkCalendar>(api.GET('/calendars/{region}', { params: { path: { region } } })).catch(() => NO_CALENDAR) : Promise.resolve(NO_CALENDAR)),
    [region],
  );
  return calendar.data ?? NO_CALENDAR;
}

/** The 15-working-day clock: working days left, overdue by, or closed on time / late. */
export function CaseClock({ c, calendar }: { c: CaseView; calendar: WorkCalendar }) {
  const { t } = useTranslation();
  if (c.status === 'CLOSED') return <Tag color={c.closedLate ? 'red' : 'green'} data-testid="case-clock">{c.closedLate ? t('cases.closedLate') : t('cases.closedOnTime')}</Tag>;
  const left = workingDaysLeft(chinaToday(), c.dueDate, calendar);
  const overdue = c.overdue || left < 0;
  return (
    <Tag color={overdue ? 'red' : left <= 3 ? 'orange' : 'blue'} data-testid="case-clock">
      {overdue ? t('cases.overdueBy', { days: Math.max(-left, 0) }) : t('cases.daysLeft', { days: left })}
    </Tag>
  );
}

interface OpenForm {
  region: string;
  fraudType: CaseFraudType;
  allegation: string;
  subjects: { kind: CaseSubjectKind; id: string }[];
}

function OpenCase({ regions, region, onCancel }: { regions: string[]; region: string; onCancel(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<OpenForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const idempotencyKey = useRef(crypto.randomUUID());
  const open = async (v: OpenForm) => {
    setBusy(true);
    setError(undefined);
    try {
      const { case: opened } = await answer<Written<'case', CaseView>>(api.POST('/cases', {
        params: { header: { 'Idempotency-Key': idempotencyKey.current } },
        body: { region: v.region, fraudType: v.fraudType, allegation: v.allegation.trim(), subjects: v.subjects.map((s) => ({ kind: s.kind, id: s.id.trim() })) },
      }));
      navigate(`/app/investigator/cases/${encodeURIComponent(opened.caseId)}`);
    } catch (err) {
      idempotencyKey.current = crypto.randomUUID();
      if (!showFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('cases.open')} style={{ marginBottom: 16, maxWidth: 760 }} data-testid="open-case">
      <ErrorAlert error={error} onClose={() => setError(undefined)} />
      <Form<OpenForm> form={form} layout="vertical" onFinish={(v) => void open(v)}
        initialValues={{ region, fraudType: 'fundSiphoning', subjects: [{ kind: 'institution', id: '' }] }}>
        <Space wrap align="start">
          <Form.Item name="region" label={t('cases.region')} rules={[{ required: true }]}>
            <Select style={{ width: 150 }} options={regions.map((r) => ({ value: r, label: r }))} />
          </Form.Item>
          <Form.Item name="fraudType" label={t('cases.fraudType')} rules={[{ required: true }]}>
            <Select style={{ width: 240 }} options={CASE_FRAUD_TYPES.map((f) => ({ value: f, label: t(`fraudType.${f}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="allegation" label={t('cases.allegation')} rules={[{ required: true, whitespace: true, message: t('cases.allegationRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        <Form.List name="subjects">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'kind']} label={i === 0 ? t('cases.subjectKind') : undefined}>
                    <Select style={{ width: 150 }} options={CASE_SUBJECT_KINDS.map((k) => ({ value: k, label: t(`subjectKind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'id']} label={i === 0 ? t('cases.subjectId') : undefined} rules={[{ required: true, whitespace: true, message: t('cases.subjectRequired') }]} extra={i === 0 ? t('cases.subjectHint') : undefined}>
                    <Input style={{ width: 340 }} placeholder="P310001 / DOC-310-0001 / patientRef" />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)} style={{ marginTop: i === 0 ? 30 : 0 }}>{t('common.remove')}</Button>}
                </Space>
              ))}
              <Button onClick={() => add({ kind: 'institution', id: '' })} style={{ marginBottom: 16 }}>{t('cases.addSubject')}</Button>
            </>
          )}
        </Form.List>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="open-case-submit">{t('cases.openSubmit')}</Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

export function CaseList() {
  const { t } = useTranslation();
  const regions = useInsurerRegions();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? regions[0];
  const overdueOnly = params.get('view') === 'overdue';
  const calendar = useCalendar(region);
  const [opening, setOpening] = useState(false);
  const [refresh, setRefresh] = useState(0);
  useLedgerEvents((e) => e.name.startsWith('Case'), () => setRefresh((n) => n + 1));
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.investigator.cases')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label={t('cases.region')} style={{ width: 150 }} value={region} onChange={(r: string) => set('region', r)} options={regions.map((r) => ({ value: r, label: r }))} />
        <Radio.Group optionType="button" value={overdueOnly ? 'overdue' : 'all'} onChange={(e) => set('view', e.target.value === 'overdue' ? 'overdue' : undefined)}
          options={[{ value: 'all', label: t('cases.all') }, { value: 'overdue', label: t('cases.overdue') }]} />
        {!opening && <Button type="primary" onClick={() => setOpening(true)} data-testid="new-case">{t('cases.open')}</Button>}
      </Space>
      {opening && region && <OpenCase regions={regions} region={region} onCancel={() => setOpening(false)} />}
      {region && (
        <PagedTable<CaseView>
          rowKey="caseId"
          deps={[region, overdueOnly]}
          refreshKey={refresh}
          fetchPage={async (bookmark, pageSize) => {
            const query = { pageSize, bookmark: bookmark || undefined };
            if (overdueOnly) {
              const page = await answer<OverdueCases>(api.GET('/regions/{region}/cases/overdue', { params: { path: { region }, query } }));
              return { records: page.cases, bookmark: page.bookmark, fetchedCount: page.cases.length };
            }
            return answer<CasePage>(api.GET('/regions/{region}/cases', { params: { path: { region }, query } }));
          }}
          columns={[
            { title: t('cases.id'), dataIndex: 'caseId', render: (id: string) => <Link to={`/app/investigator/cases/${encodeURIComponent(id)}`}>{id}</Link> },
            { title: t('cases.fraudType'), dataIndex: 'fraudType', render: (f: CaseFraudType) => t(`fraudType.${f}`) },
            { title: t('cases.subjects'), key: 's', render: (_: unknown, c) => c.subjects.map((s) => `${t(`subjectKind.${s.kind}`)} ${s.kind === 'patient' ? `${s.id.slice(0, 10)}…` : s.id}`).join('；') },
            { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
            { title: t('cases.opened'), dataIndex: 'openedDate' },
            { title: t('cases.due'), dataIndex: 'dueDate' },
            { title: t('cases.clock'), key: 'c', render: (_: unknown, c) => <CaseClock c={c} calendar={calendar} /> },
          ]}
        />
      )}
    </>
  );
}
