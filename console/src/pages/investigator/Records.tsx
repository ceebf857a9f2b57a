/** A record's on-chain history (every version with its tx id) and the read model's check against the chain. */
import { Alert, Button, Card, Collapse, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { HistoryEntry } from '../../api/model';
import { ListTable, useLoad, when } from '../../components/data';
import { ErrorAlert } from '../../components/errors';

const DOC_TYPES = ['prescription', 'dispense', 'claim', 'transfer', 'batch', 'institution', 'practitioner', 'filing', 'complaint', 'encounter', 'insured-person', 'policy', 'investigation-case'] as const;
type DocType = (typeof DOC_TYPES)[number];

interface Verification {
  matches: boolean;
  checkedAtHeight: string;
  chain: { txId: string; sha256: string; versions: number };
  readModel?: { txId: string; blockNumber: string; sha256: string; versions: number };
}

export function RecordSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card title={t('menu.investigator.records')} style={{ maxWidth: 640 }}>
      <Form layout="vertical" initialValues={{ docType: 'prescription' }} onFinish={({ docType, id }: { docType: DocType; id: string }) => navigate(`/app/investigator/records/${docType}/${encodeURIComponent(id.trim())}`)}>
        <Form.Item name="docType" label={t('records.docType')}><Select options={DOC_TYPES.map((d) => ({ value: d, label: t(`docType.${d}`, { defaultValue: d }) }))} /></Form.Item>
        <Form.Item name="id" label={t('records.id')} rules={[{ required: true }]}><Input /></Form.Item>
        <Button type="primary" htmlType="submit">{t('common.search')}</Button>
      </Form>
    </Card>
  );
}

export function RecordScreen() {
  const { t } = useTranslation();
  const { docType = 'prescription', id = '' } = useParams();
  const type = (DOC_TYPES as readonly string[]).includes(docType) ? (docType as DocType) : 'prescription';
  const history = useLoad(() => answer<HistoryEntry<unknown>[]>(api.GET('/records/{docType}/{id}/history', { params: { path: { docType: type, id } } })), [type, id]);
  const verified = useLoad(() => answer<Verification>(api.GET('/oversight/verify/{docType}/{id}', { params: { path: { docType: type, id } } })), [type, id]);
  const v = verified.data;
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t(`docType.${type}`, { defaultValue: type })} <code>{id}</code></Typography.Title>
      {v && (
        <Alert style={{ marginBottom: 16 }} showIcon type={v.matches ? 'success' : 'error'} data-testid="chain-check" data-matches={String(v.matches)}
          message={v.matches ? t('records.matches', { height: v.checkedAtHeight, versions: v.chain.versions }) : t('records.mismatch', { height: v.checkedAtHeight })}
          description={<span>chain tx <code>{v.chain.txId.slice(0, 16)}…</code> sha256 <code>{v.chain.sha256.slice(0, 16)}…</code></span>} />
      )}
      <ErrorAlert error={verified.error} />
      <ErrorAlert error={history.error} />
      <ListTable<HistoryEntry<unknown> & { version: number }>
        rowKey="txId"
        // Fabric answers a key's history newest first.
        rows={history.data?.map((h, i, all) => ({ ...h, version: all.length - i }))}
        loading={history.loading}
        columns={[
          { title: t('records.version'), dataIndex: 'version' },
          { title: t('records.time'), dataIndex: 'timestamp', render: when },
          { title: 'tx id', dataIndex: 'txId', render: (s: string) => <Typography.Text code copyable={{ text: s }}>{s.slice(0, 16)}…</Typography.Text> },
          { title: t('records.value'), key: 'v', render: (_: unknown, h) => (
            <Collapse size="small" ghost items={[{ key: 'v', label: h.isDelete ? t('records.deleted') : t('records.show'), children: <pre style={{ maxWidth: 560, overflow: 'auto', fontSize: 11 }}>{JSON.stringify(h.value, null, 2)}</pre> }]} />
          ) },
        ]}
      />
    </>
  );
}
