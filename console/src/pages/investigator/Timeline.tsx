/** Everything on the ledger about one actor (doctor, pharmacy, institution, patient pseudonym), oldest first, each entry linked to its record. */
import { Button, Form, Input, Pagination, Select, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { Timeline as TimelineAnswer, TimelineActorType } from '../../api/model';
import { Loading, Money, useLoad, when } from '../../components/data';
import { ErrorAlert } from '../../components/errors';

const ACTOR_TYPES: TimelineActorType[] = ['doctor', 'pharmacy', 'institution', 'patientRef'];

export function ActorTimeline() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const actorType = (ACTOR_TYPES as string[]).includes(params.get('actorType') ?? '') ? (params.get('actorType') as TimelineActorType) : undefined;
  const id = params.get('id') ?? '';
  const timeline = useLoad(
    () => (actorType && id ? answer<TimelineAnswer>(api.GET('/trace/timeline/{actorType}/{id}', { params: { path: { actorType, id } } })) : Promise.resolve(undefined)),
    [actorType, id],
  );
  const entries = timeline.data?.entries ?? [];
  const [pageNo, setPageNo] = useState(1);
  const PAGE = 20;
  const shown = entries.slice((pageNo - 1) * PAGE, pageNo * PAGE);
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.investigator.timeline')}</Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} initialValues={{ actorType: actorType ?? 'doctor', id }}
        onFinish={(v: { actorType: TimelineActorType; id: string }) => { setPageNo(1); setParams({ actorType: v.actorType, id: v.id.trim() }); }}>
        <Form.Item name="actorType" label={t('timeline.actorType')}>
          <Select style={{ width: 160 }} options={ACTOR_TYPES.map((a) => ({ value: a, label: t(`timeline.${a}`) }))} />
        </Form.Item>
        <Form.Item name="id" label={t('timeline.id')} rules={[{ required: true }]}><Input style={{ width: 320 }} /></Form.Item>
        <Button type="primary" htmlType="submit">{t('common.search')}</Button>
      </Form>
      <ErrorAlert error={timeline.error} />
      {timeline.loading && actorType && id ? <Loading /> : (
        timeline.data && (entries.length === 0 ? <Typography.Text type="secondary">{t('common.empty')}</Typography.Text> : (
          <>
          <Timeline data-testid="timeline" items={shown.map((e) => ({
            key: `${e.txId}-${e.kind}-${e.action}`,
            children: (
              <span>
                {when(e.at)} · <strong>{t(`docType.${e.kind}`, { defaultValue: e.kind })}</strong> {t(`action.${e.action}`, { defaultValue: e.action })}{' '}
                <Link to={`/app/investigator/records/${e.kind}/${encodeURIComponent(e.id)}`}>{e.id}</Link>
                {e.amountFen !== undefined && <> · <Money fen={e.amountFen} /></>}
                {' '}<Typography.Text type="secondary" code>{e.txId.slice(0, 10)}…</Typography.Text>
              </span>
            ),
          }))} />
          <Pagination current={pageNo} pageSize={PAGE} total={entries.length} onChange={setPageNo} showSizeChanger={false} hideOnSinglePage />
          </>
        ))
      )}
    </>
  );
}
