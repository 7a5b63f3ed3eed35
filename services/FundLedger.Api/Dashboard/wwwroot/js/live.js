import { token } from './auth.js';

// The district's committed events, read from GET …/live (server-sent events) with fetch so the token travels in the
// Authorization header. On a dropped connection it reconnects with Last-Event-ID and resumes after the last event seen.
export function connect(district, { onEvent, onState }) {
  let last = null;
  let stopped = false;
  let controller = null;

  async function run() {
    let delay = 500;
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers = { Authorization: `Bearer ${token()}`, Accept: 'text/event-stream' };
        if (last !== null) headers['Last-Event-ID'] = last;
        const response = await fetch(`/api/v1/districts/${encodeURIComponent(district)}/live`, { headers, signal: controller.signal });
        if (response.status === 401 || response.status === 403) { onState('denied'); return; }
        // At a bound (this token's streams, or the replica's): wait as long as the service asks, then try again.
        if (response.status === 429 || response.status === 503) {
          onState('busy');
          await pause(Math.max(1, Number(response.headers.get('Retry-After')) || 30) * 1000);
          continue;
        }
        if (!response.ok || !response.body) throw new Error(`live ${response.status}`);
        onState('on');
        delay = 500;
        if (await read(response.body) === 'expired') { onState('expired'); return; }
      } catch (e) {
        if (stopped) return;
      }
      onState('off');
      await pause(delay);
      delay = Math.min(delay * 2, 10_000);
    }
  }

  async function read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        // The token that opened the stream has expired: the service ends it, and reconnecting with it would be refused.
        if (dispatch(buffer.slice(0, end)) === 'expired') return 'expired';
        buffer = buffer.slice(end + 2);
      }
    }
  }

  function dispatch(block) {
    let type = 'message', id = null, data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('id:')) id = line.slice(3).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (id !== null) last = id;
    if (type === 'ledger' && data) onEvent(JSON.parse(data));
    return type;
  }

  function pause(ms) { return new Promise(resolve => setTimeout(resolve, ms)); }

  run();
  return () => { stopped = true; controller?.abort(); };
}
