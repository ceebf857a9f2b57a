/**
 * Complaints the region must answer within 7 working days (PT-06): the overdue list, any
 * complaint by id with its clock counted on the region's calendar, and the response.
 */
import { Button, Card, Descriptions, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../../api/client';
import type { ComplaintView, OverdueList, Written } from '../../api/model';
import { ListTable, useLoad } from '../../components/data';
import { ErrorAlert, showFieldErrors } from '../../components/errors';
import { useLedgerEvents } from '../../events';
import { useSession } from '../../session';
import { chinaToday, workingDaysLeft, type WorkCalendar } from '../../components/working-days';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function Complaints() {
  const { t } = useTranslation();
  const { region = '' } = useSession();
  const [refresh, setRefresh] = useState(0);
  useLedgerEvents((e) => e.name.startsWith('Complaint'), () => setRefresh((n) => n + 1));
  const overdue = useLoad(() => answer<OverdueList>(api.GET('/regions/{region}/complaints/overdue', { params: { path: { region } } })), [region, refresh]);
  const calendar = useLoad(
    () => answer<WorkCalendar>(api.GET('/calendars/{region}', { params: { path: { region } } })).catch(() => ({ holidays: [], extraWorkdays: [] })),
    [region],
  );
  const [complaintId, setComplaintId] = useState<string>();
  const complaint = useLoad(
    () => (complaintId ? answer<ComplaintView>(api.GET('/complaints/{id}', { params: { path: { id: complaintId } } })) : Promise.resolve(undefined)),
    [complaintId, refresh],
  );
  const [form] = Form.useForm<{ outcome: 'upheld' | 'notUpheld' | 'referred'; text: string }>();
  const [error, setError] = useState<unknown>();
  const today = chinaToday();
  const clock = (c: ComplaintView) => {
    if (c.status === 'RESOLVED') return <Tag color={c.respondedLate ? 'red' : 'green'}>{c.respondedLate ? t('complaint.late') : t('complaint.onTime')}</Tag>;
    const left = workingDaysLeft(today, c.dueDate, calendar.data ?? { holidays: [], extraWorkdays: [] });
    return <Tag color={left < 0 || c.overdue ? 'red' : left <= 2 ? 'orange' : 'blue'}>{left < 0 || c.overdue ? t('complaint.overdueBy', { days: -left }) : t('complaint.daysLeft', { days: left })}</Tag>;
  };

  const respond = async ({ outcome, text }: { outcome: 'upheld' | 'notUpheld' | 'referred'; text: string }) => {
    if (!complaintId) return;
    setError(undefined);
    try {
      await answer<Written<'complaint', ComplaintView>>(api.POST('/complaints/{id}/response', {
        params: { path: { id: complaintId } },
        body: { outcome, responseHash: await sha256Hex(text.trim()) },
      }));
      form.resetFields();
      setRefresh((n) => n + 1);
    } catch (err) {
      if (!showFieldErrors(form, err)) setError(err);
    }
  };

  const c = complaint.data;
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.insurer.complaints')} · {region}</Typography.Title>
      <Card size="small" title={t('complaint.overdueTitle', { date: overdue.data?.asOf ?? today })} style={{ marginBottom: 16 }}>
        <ErrorAlert error={overdue.error} />
        <ListTable<ComplaintView> rowKey="complaintId" rows={overdue.data?.complaints} loading={overdue.loading} columns={[
          { title: t('complaint.id'), dataIndex: 'complaintId', render: (s: string) => <a onClick={() => setComplaintId(s)}>{s}</a> },
          { title: t('complaint.target'), key: 'tg', render: (_: unknown, x) => `${x.targetType} ${x.targetId}` },
          { title: t('complaint.category'), dataIndex: 'category', render: (s: string) => t(`complaintCategory.${s}`, { defaultValue: s }) },
          { title: t('complaint.filed'), dataIndex: 'filedDate' },
          { title: t('complaint.due'), dataIndex: 'dueDate' },
          { title: t('complaint.clock'), key: 'c', render: (_: unknown, x) => clock(x) },
        ]} />
      </Card>
      <Card size="small" title={t('complaint.lookup')}>
        <Form layout="inline" onFinish={({ id }: { id: string }) => setComplaintId(id.trim())} style={{ marginBottom: 12 }}>
          <Form.Item name="id" label={t('complaint.id')} rules={[{ required: true }]}><Input style={{ width: 300 }} /></Form.Item>
          <Button htmlType="submit">{t('common.search')}</Button>
        </Form>
        <ErrorAlert error={complaint.error} />
        {c && (
          <>
            <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} items={[
              { key: 'id', label: t('complaint.id'), children: c.complaintId },
              { key: 's', label: t('common.status'), children: <Space>{c.status}{clock(c)}</Space> },
              { key: 'i', label: t('complaint.institution'), children: c.institutionId },
              { key: 't', label: t('complaint.target'), children: `${c.targetType} ${c.targetId}` },
              { key: 'f', label: t('complaint.filed'), children: c.filedDate },
              { key: 'd', label: t('complaint.due'), children: c.dueDate },
              { key: 'o', label: t('complaint.outcome'), children: c.outcome ? t(`complaintOutcome.${c.outcome}`) : '—' },
            ]} />
            {c.status === 'FILED' && c.region === region && (
              <Form form={form} layout="vertical" onFinish={(v) => void respond(v)} style={{ marginTop: 12, maxWidth: 560 }}>
                <Form.Item name="outcome" label={t('complaint.outcome')} rules={[{ required: true }]}>
                  <Select options={(['upheld', 'notUpheld', 'referred'] as const).map((o) => ({ value: o, label: t(`complaintOutcome.${o}`) }))} />
                </Form.Item>
                <Form.Item name="text" label={t('complaint.response')} extra={t('complaint.responseHint')} rules={[{ required: true, whitespace: true }]}>
                  <Input.TextArea rows={3} />
                </Form.Item>
                <ErrorAlert error={error} />
                <Button type="primary" htmlType="submit">{t('complaint.respond')}</Button>
              </Form>
            )}
          </>
        )}
      </Card>
    </>
  );
}
