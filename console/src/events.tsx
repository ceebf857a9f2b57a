/**
 * Live updates: one stream of GET /events (server-sent events; the session cookie authenticates
 * it) from the chain's current height on, read with fetch so every event name arrives, resumed
 * with Last-Event-ID after a drop. A screen refreshes when a committed transaction concerns it.
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

export function EventsProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    let lastEventId = '';
    const follow = async () => {
      const height = await currentHeight(abort.signal);
      while (!abort.signal.aborted) {
        try {
          const url = height && !lastEventId ? `/events?fromBlock=${height}` : '/events';
          const res = await fetch(url, {
            credentials: 'same-origin',
            signal: abort.signal,
            headers: lastEventId ? { 'Last-Event-ID': lastEventId, Accept: 'text/event-stream' } : { Accept: 'text/event-stream' },
          });
          if (res.status === 401) {
            // The session ended (the gateway closes the stream then): the app shows the expiry screen.
            notifyUnauthenticated(failureOf(401, await res.json().catch(() => undefined)).code);
            return;
          }
          if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
          setConnected(true);
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
              if (!data) continue;
              const event = JSON.parse(data) as LedgerEvent;
              for (const listener of listeners.current) listener(event);
            }
          }
        } catch {
          // dropped, refused or aborted: wait and resume after the last event seen
        }
        setConnected(false);
        if (!abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 3000));
      }
    };
    void follow();
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

export function useEventsConnected(): boolean {
  return useContext(EventsContext).connected;
}
