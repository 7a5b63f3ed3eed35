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
        if (!response.ok || !response.body) throw new Error(`live ${response.status}`);
        onState('on');
        delay = 500;
        await read(response.body);
      } catch (e) {
        if (stopped) return;
      }
      onState('off');
      await new Promise(resolve => setTimeout(resolve, delay));
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
        dispatch(buffer.slice(0, end));
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
  }

  run();
  return () => { stopped = true; controller?.abort(); };
}
