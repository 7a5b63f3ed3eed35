import { el } from './dom.js';

const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// 万元 with 2 decimals, rounded half away from zero as the service rounds; the exact 元 on hover.
export function wanText(yuan) {
  if (yuan === null || yuan === undefined) return '';
  const cents = Math.round(Math.abs(yuan) * 100);
  const hundredths = Math.floor((cents + 5000) / 10000);   // 0.01 万元 = 100 元 = 10,000 分, half away from zero
  return (yuan < 0 && hundredths > 0 ? '-' : '') + (hundredths / 100).toFixed(2);
}

export const yuanText = yuan => yuan === null || yuan === undefined ? '' : `${yuanFormat.format(yuan)} 元`;

export const wan = yuan => el('span', { class: 'money', title: yuanText(yuan) }, wanText(yuan));

export const pct = value => value === null || value === undefined ? '' : `${Number(value).toFixed(2)}%`;

export const time = iso => iso ? new Date(iso).toLocaleString() : '';
