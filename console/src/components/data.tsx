/** Loading, paging and small display pieces every screen shares. */
import { Button, Empty, Space, Table, Tag, type TableProps } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/model';
import { ErrorAlert } from './errors';

export const yuan = (fen: number | undefined): string => (fen === undefined ? '—' : `¥${(fen / 100).toFixed(2)}`);

export function Money({ fen }: { fen: number | undefined }) {
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{yuan(fen)}</span>;
}

export const when = (iso: string | undefined): string => (iso ? new Date(iso).toLocaleString() : '—');

const STATUS_COLOURS: Record<string, string> = {
  VALID: 'green', ISSUED: 'blue', PARTIALLY_DISPENSED: 'gold', DISPENSED: 'default', FULLY_DISPENSED: 'default', REVOKED: 'red',
  EXPIRED: 'red', NOT_YET_VALID: 'orange', PRESCRIBER_SUSPENDED: 'red', SUBMITTED: 'blue', UNDER_REVIEW: 'processing',
  MANUAL_REVIEW: 'orange', APPROVED: 'green', REJECTED: 'red', REMITTED: 'cyan', RECOVERED: 'magenta', PROPOSED: 'blue',
  CLEARED: 'green', FILED: 'blue', RESOLVED: 'green',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status] ?? 'default'} data-status={status}>{t(`status.${status}`, { defaultValue: status })}</Tag>;
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Loads `load()` now and whenever `deps` change or reload() is called; stale answers are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    latest.current().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export { Loading } from './Loading';

/**
 * A table over a bookmark-paged list: the gateway pages by bookmark, so the pager walks forward
 * with the bookmark it got and back with the ones it kept.
 */
export function PagedTable<T extends object>({
  fetchPage, deps, pageSize = 10, refreshKey, ...table
}: Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading'> & {
  fetchPage: (bookmark: string, pageSize: number) => Promise<Page<T>>;
  deps: readonly unknown[];
  pageSize?: number;
  refreshKey?: number;
}) {
  const { t } = useTranslation();
  const [marks, setMarks] = useState<string[]>(['']);
  useEffect(() => setMarks(['']), deps); // eslint-disable-line react-hooks/exhaustive-deps
  const bookmark = marks[marks.length - 1];
  const page = useLoad(() => fetchPage(bookmark, pageSize), [bookmark, refreshKey, ...deps]);
  const next = page.data?.bookmark;
  const full = (page.data?.records.length ?? 0) >= pageSize;
  return (
    <>
      <ErrorAlert error={page.error} />
      <Table<T>
        {...table}
        size="middle"
        loading={page.loading}
        dataSource={page.data?.records ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('common.empty')} /> }}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={marks.length < 2} onClick={() => setMarks((m) => m.slice(0, -1))}>{t('common.previous')}</Button>
        <span>{t('common.page', { page: marks.length })}</span>
        <Button disabled={!next || !full} onClick={() => next && setMarks((m) => [...m, next])}>{t('common.next')}</Button>
      </Space>
    </>
  );
}

/** A list the API answers whole, paged on the client. */
export function ListTable<T extends object>({ rows, loading, ...table }: Omit<TableProps<T>, 'dataSource'> & { rows: T[] | undefined; loading?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<T>
      {...table}
      size="middle"
      loading={loading}
      dataSource={rows ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: false, showSizeChanger: false }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('common.empty')} /> }}
    />
  );
}

export function Section({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 24 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12, gap: 12, flexWrap: 'wrap' }}>
        <h2 style={{ margin: 0, fontSize: 18 }}>{title}</h2>
        {extra}
      </div>
      {children}
    </section>
  );
}
