/** The reverse trace: every fund transfer an institution received in a period, count and total, the received amounts over time. */
import { Button, Card, DatePicker, Form, Input, Select, Statistic, Row, Col, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import { useInsurerRegions } from '../../api/insurer-regions';
import type { FundsReceived, TransferRecord } from '../../api/model';
import { Chart } from '../../components/Chart';
import { Money, PagedTable, when, yuan } from '../../components/data';
import { ErrorAlert } from '../../components/errors';

interface Query {
  party: string;
  fromFund?: string;
  from?: string;
  to?: string;
}

export function FundsReceivedScreen() {
  const { t } = useTranslation();
  const regions = useInsurerRegions();
  const [params, setParams] = useSearchParams();
  const query: Query | undefined = params.get('party')
    ? { party: params.get('party') as string, fromFund: params.get('fromFund') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined }
    : undefined;
  const [summary, setSummary] = useState<FundsReceived>();
  const [error, setError] = useState<unknown>();
  const [shown, setShown] = useState<TransferRecord[]>([]);

  const fetchPage = async (bookmark: string, pageSize: number) => {
    if (!query) return { records: [], bookmark: '', fetchedCount: 0 };
    try {
      const answerOf = await answer<FundsReceived>(api.GET('/trace/parties/{party}/funds-received', {
        params: {
          path: { party: query.party },
          query: { pageSize, ...(query.fromFund ? { fromFund: query.fromFund } : {}), ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}), ...(bookmark ? { bookmark } : {}) },
        },
      }));
      setSummary(answerOf);
      setShown(answerOf.transfers);
      setError(undefined);
      return { records: answerOf.transfers, bookmark: answerOf.bookmark, fetchedCount: answerOf.transfers.length };
    } catch (err) {
      setError(err);
      throw err;
    }
  };

  // Received per day on the page shown, oldest first as the API answers.
  const perDay = useMemo(() => {
    const days = new Map<string, number>();
    for (const tr of shown) days.set(tr.date, (days.get(tr.date) ?? 0) + tr.amountFen);
    return [...days.entries()];
  }, [shown]);

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.investigator.funds')}</Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} initialValues={{ party: query?.party, fromFund: query?.fromFund }}
        onFinish={(v: { party: string; fromFund?: string; period?: [Dayjs, Dayjs] }) => {
          const next = new URLSearchParams({ party: v.party.trim() });
          if (v.fromFund) next.set('fromFund', v.fromFund);
          if (v.period) {
            next.set('from', v.period[0].format('YYYY-MM-DD'));
            next.set('to', v.period[1].format('YYYY-MM-DD'));
          }
          setParams(next);
        }}>
        <Form.Item name="party" label={t('funds.party')} rules={[{ required: true }]}><Input style={{ width: 180 }} placeholder="P310001" /></Form.Item>
        <Form.Item name="fromFund" label={t('funds.fromFund')}>
          <Select allowClear style={{ width: 160 }} options={regions.map((r) => ({ value: `fund:${r}`, label: `fund:${r}` }))} />
        </Form.Item>
        <Form.Item name="period" label={t('funds.period')}><DatePicker.RangePicker /></Form.Item>
        <Button type="primary" htmlType="submit">{t('common.search')}</Button>
      </Form>
      <ErrorAlert error={error} />
      {query && summary && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('funds.count')} value={summary.count} /></Card></Col>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('funds.total')} value={yuan(summary.totalFen)} valueStyle={{ color: '#1d5fbf' }} /></Card></Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('funds.overTime')} styles={{ body: { padding: 4 } }}>
              <Chart kind="line" height={120} testId="funds-over-time" labels={perDay.map(([d]) => d)} values={perDay.map(([, v]) => v)} format={yuan} />
            </Card>
          </Col>
        </Row>
      )}
      {query && (
        <PagedTable<TransferRecord>
          rowKey="transferId"
          deps={[query.party, query.fromFund, query.from, query.to]}
          fetchPage={fetchPage}
          columns={[
            { title: t('funds.transfer'), dataIndex: 'transferId', render: (s: string) => <code>{s}</code> },
            { title: t('funds.fromFund'), dataIndex: 'fromParty' },
            { title: t('funds.amount'), dataIndex: 'amountFen', render: (f: number) => <Money fen={f} /> },
            { title: t('funds.claim'), key: 'c', render: (_: unknown, tr) => tr.claimIds.join(', ') },
            { title: t('funds.kind'), dataIndex: 'kind' },
            { title: t('funds.when'), key: 'w', render: (_: unknown, tr) => when(tr.executed.at) },
          ]}
        />
      )}
    </>
  );
}
