import { token } from './auth.js';

export const view = { district: null, year: null, asOf: null };

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

const query = params => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const districtPath = path => `/api/v1/districts/${encodeURIComponent(view.district)}${path}`;
// A year of a path is 4 digits or nothing: a segment from the address bar (#/appropriation/<year>/…) never reaches the URL raw.
export const yearPath = (path, year = view.year) => {
  if (!/^\d{4}$/.test(String(year))) throw new Error(`not a year: ${year}`);
  return districtPath(`/years/${year}${path}`);
};

// A read with the viewer's token; asOf is added to every read that takes it, so each page shows the ledger as recorded then.
export async function get(path, params = {}, { text = false, asOf = true } = {}) {
  const response = await send(path + query({ ...params, asOf: asOf ? view.asOf : null }),
    text ? 'text/markdown, application/problem+json' : 'application/json, application/problem+json');
  return text ? response.text() : response.json();
}

// A file the service writes (the XLSX workbook), as a Blob to offer for download; asOf as on every read.
export async function getBlob(path, params = {}) {
  const response = await send(path + query({ ...params, asOf: view.asOf }), '*/*');
  return response.blob();
}

export async function getNdjson(path, params = {}) {
  return (await getNdjsonPage(path, params)).items;
}

// One page of an NDJSON feed, and where the next one starts (from its Link: <…>; rel="next"), or null on the last page.
export async function getNdjsonPage(path, params = {}) {
  const response = await send(path + query(params), 'application/x-ndjson, application/problem+json');
  const raw = await response.text();
  const link = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('Link') ?? '');
  const next = link ? new URL(link[1], location.origin).searchParams.get('fromSequence') : null;
  return { items: raw.split('\n').filter(Boolean).map(line => JSON.parse(line)), next };
}

async function send(url, accept) {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token()}`, Accept: accept } });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not a problem document */ }
    throw new ApiError(response.status, problem);
  }
  return response;
}
