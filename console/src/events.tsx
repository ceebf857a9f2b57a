/**
 * Live updates: one stream of GET /events (server-sent events; the session cookie authenticates
 * it) from the chain's current height on, read with fetch so every event name arrives, resumed
 * with Last-Event-ID after a drop. A screen refreshes when a committed transaction concerns it;
 * a prescription's screen follows that prescription's own stream (?rxId=).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { failureOf, notifyUnauthenticated } from './api/client';

export interface LedgerEvent {
  name: string;
  payload: Record<string, unknown>;
  txId: string;
  block: string;
}

type Listener = (event: LedgerEvent) => void;

interface EventsApi {
  subscribe(listener: Listener): () => void;
  connected: boolean;
}

const EventsContext = createContext<EventsApi>({ subscribe: () => () => undefined, connected: false });

async function currentHeight(signal: AbortSignal): Promise<string | undefined> {
  try {
    const body = (await (await fetch('/health', { credentials: 'same-origin', signal })).json()) as { ledger?: { height?: string } };
    return body.ledger?.height;
  } catch {
    return undefined;
  }
}

/** Parses one server-sent event block into its id and data. */
function parseBlock(block: string): { id?: string; data?: string } {
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('id: ')) id = line.slice(4);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  return { id, data: data.length ? data.join('\n') : undefined };
}

/**
 * Follows `/events` with `query` (e.g. rxId) from the chain's current height, resuming after the
 * last event seen when the stream drops, until `signal` aborts or the session ends.
 */
async function follow(query: Record<string, string>, onEvent: Listener, onConnected: (connected: boolean) => void, signal: AbortSignal): Promise<void> {
  let lastEventId = '';
  const height = await currentHeight(signal);
  while (!signal.aborted) {
    try {
      const params = new URLSearchParams(query);
      if (height && !lastEventId) params.set('fromBlock', height);
      const res = await fetch(`/events${params.size ? `?${params.toString()}` : ''}`, {
        credentials: 'same-origin',
        signal,
        headers: lastEventId ? { 'Last-Event-ID': lastEventId, Accept: 'text/event-stream' } : { Accept: 'text/event-stream' },
      });
      if (res.status === 401) {
        // The session ended (the gateway closes the stream then): the app shows the expiry screen.
        notifyUnauthenticated(failureOf(401, await res.json().catch(() => undefined)).code);
        return;
      }
      // Refused for good (an unknown prescription, a malformed query): retrying will not change it.
      if (res.status >= 400 && res.status < 500) return;
      if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
      onConnected(true);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const { id, data } = parseBlock(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          if (id) lastEventId = id;
          if (data) onEvent(JSON.parse(data) as LedgerEvent);
        }
      }
    } catch {
      // dropped, refused or aborted: wait and resume after the last event seen
    }
    onConnected(false);
    if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

export function EventsProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    void follow({}, (event) => {
      for (const listener of listeners.current) listener(event);
    }, setConnected, abort.signal);
    return () => abort.abort();
  }, []);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo(() => ({ subscribe, connected }), [subscribe, connected]);
  return <EventsContext.Provider value={value}>{children}</EventsContext.Provider>;
}

/** Calls `onEvent` for every live event `matches` accepts, while the component is mounted. */
export function useLedgerEvents(matches: (event: LedgerEvent) => boolean, onEvent: (event: LedgerEvent) => void): void {
  const { subscribe } = useContext(EventsContext);
  const latest = useRef({ matches, onEvent });
  latest.current = { matches, onEvent };
  useEffect(() => subscribe((event) => latest.current.matches(event) && latest.current.onEvent(event)), [subscribe]);
}

/**
 * Calls `onEvent` for every event of one prescription, from any institution (its own stream:
 * GET /events?rxId=, open to whoever may read the prescription), while mounted.
 */
export function usePrescriptionEvents(rxId: string, onEvent: Listener): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    if (!rxId) return undefined;
    const abort = new AbortController();
    void follow({ rxId }, (event) => latest.current(event), () => undefined, abort.signal);
    return () => abort.abort();
  }, [rxId]);
}

export function useEventsConnected(): boolean {
  return useContext(EventsContext).connected;
}
