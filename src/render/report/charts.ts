/**
 * The report's charts: Apache ECharts options, rendered on the server to SVG strings
 * (`renderToSVGString`, no DOM, no canvas). ECharts is loaded by the caller, only for `report`.
 */
import type { EChartsOption } from 'echarts';
import { getLang, msg } from '../../i18n.js';
import type { LogDayState, Report } from '../../scan/results.js';
import { showDuration } from '../../values/duration.js';

type ECharts = typeof import('echarts');

/** The page's width in CSS pixels, inside A4's margins: a chart drawn at it prints at its size. */
export const CHART_WIDTH = 680;

/** Fonts a Chinese office computer has; the SVG names them, nothing is fetched. */
export const FONTS = '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","Heiti SC",sans-serif';

export const COLOURS = {
  done: '#2e7d9a',
  second: '#7fb77e',
  target: '#c0392b',
  late: '#c0392b',
  warning: '#e59c2f',
  // The log calendar's states, each a different grey when printed in black and white (dark to light):
  // missing, written, holiday, faulty, weekend, not due (white, the cells outlined).
  missing: '#a61e1e',
  written: '#4c9a5f',
  holiday: '#8aa6d9',
  faulty: '#f2c14e',
  weekend: '#e2e5ea',
  'not-due': '#ffffff',
} as const;

/** One chart as an SVG string, its animation off (a server-side render draws the final frame only). */
export function svgOf(echarts: ECharts, option: EChartsOption, height: number, width = CHART_WIDTH): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONTS }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A dashed line at the required number, labelled. */
const targetLine = (target: number, at: 'insideStartTop' | 'insideEndTop' = 'insideEndTop') => ({
  silent: true,
  symbol: 'none',
  lineStyle: { color: COLOURS.target, type: 'dashed' as const },
  label: { formatter: `${msg().report.target} ${target}`, color: COLOURS.target, fontSize: 10, position: at },
  data: [{ yAxis: target }],
});

const barLabel = { show: true, position: 'top' as const, fontSize: 11 };

/** Face-to-face and on-site sessions per county, against their requirements. */
export function quotaChart(echarts: ECharts, report: Report): string {
  const counties = report.quotas.filter((q) => q.what === 'face-to-face').map((q) => q.county!);
  const of = (what: string) => counties.map((c) => report.quotas.find((q) => q.county === c && q.what === what)!);
  const face = of('face-to-face');
  const site = of('on-site');
  const min = showDuration(report.faceToFaceMin);
  const top = Math.max(1, ...[...face, ...site].flatMap((q) => [q.count, q.target]));
  return svgOf(
    echarts,
    {
      legend: { top: 0, textStyle: { fontSize: 12 } },
      grid: { left: 40, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: counties },
      yAxis: { type: 'value', minInterval: 1, max: top },
      series: [
        {
          type: 'bar',
          name: msg().report.faceToFace(min),
          data: face.map((q) => q.count),
          color: COLOURS.done,
          label: barLabel,
          markLine: face[0] ? targetLine(face[0].target) : undefined,
        },
        {
          type: 'bar',
          name: msg().report.onSite,
          data: site.map((q) => q.count),
          color: COLOURS.second,
          label: barLabel,
          markLine:
            site[0] && site[0].target !== face[0]?.target ? targetLine(site[0].target, 'insideStartTop') : undefined,
        },
      ],
    },
    260,
  );
}

/** The city's online sessions per quarter, against the quarter's requirement. */
export function onlineChart(echarts: ECharts, report: Report): string {
  const quarters = report.quotas.filter((q) => q.what === 'online-quarter');
  const top = Math.max(1, ...quarters.flatMap((q) => [q.count, q.target]));
  return svgOf(
    echarts,
    {
      grid: { left: 40, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: quarters.map((q) => msg().report.quarter(q.quarter!)) },
      yAxis: { type: 'value', minInterval: 1, max: top },
      series: [
        {
          type: 'bar',
          name: msg().report.done,
          data: quarters.map((q) => q.count),
          color: COLOURS.done,
          label: barLabel,
          barMaxWidth: 60,
          markLine: quarters[0] ? targetLine(quarters[0].target) : undefined,
        },
      ],
    },
    220,
  );
}

const STATES: readonly LogDayState[] = ['written', 'faulty', 'missing', 'holiday', 'weekend', 'not-due'];

/** The states a cell's text stands out from in white rather than black. */
const DARK: ReadonlySet<LogDayState> = new Set(['missing', 'written']);

/**
 * One assistant's days as a calendar heat map: a cell a day, coloured by its log; 调休 and holidays marked.
 * A month's calendar is large enough to number its days.
 */
export function logCalendar(echarts: ECharts, report: Report, log: Report['logs'][number]): string {
  const month = report.month !== undefined;
  const cell = month ? 32 : 12;
  const weeks = Math.ceil(log.days.length / 7) + 1;
  const data = log.days.map(({ day, state, adjusted }) => {
    const mark = adjusted ? msg().report.adjustedMark : state === 'holiday' ? msg().report.holidayMark : undefined;
    const value = [day, STATES.indexOf(state)];
    const color = DARK.has(state) ? '#fff' : '#222';
    if (month) {
      const text = `${Number(day.slice(8))}${mark ? `\n${mark}` : ''}`;
      return { value, label: { show: true, formatter: text, fontSize: 10, lineHeight: 12, color } };
    }
    return mark ? { value, label: { show: true, formatter: mark, fontSize: cell - 4, color } } : value;
  });
  return svgOf(
    echarts,
    {
      calendar: {
        range: [report.from, report.to],
        orient: 'horizontal',
        cellSize: month ? cell : ['auto', cell],
        left: 40,
        top: 22,
        right: 10,
        splitLine: { show: false },
        // Grey outlines: a white (not due) cell keeps its shape on the page.
        itemStyle: { borderColor: '#9aa0a6', borderWidth: 0.5 },
        dayLabel: { firstDay: 1, nameMap: getLang() === 'en' ? 'EN' : 'ZH', fontSize: 9 },
        monthLabel: { nameMap: getLang() === 'en' ? 'EN' : 'ZH', fontSize: 10 },
        yearLabel: { show: false },
      },
      visualMap: {
        show: false,
        type: 'piecewise',
        dimension: 1,
        pieces: STATES.map((s, i) => ({ value: i, color: COLOURS[s] })),
      },
      series: [{ type: 'heatmap', coordinateSystem: 'calendar', data }],
    },
    7 * cell + 40,
    month ? 40 + weeks * cell + 20 : CHART_WIDTH,
  );
}

/** How many signatures came how many days after their session: later than due in red. */
export function signatureChart(echarts: ECharts, report: Report): string {
  const CAP = 31;
  const counts = new Map<number, number>();
  for (const s of report.signatures.signed) {
    const d = Math.max(0, Math.min(s.days, CAP));
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const last = Math.max(report.signatureDays + 1, ...counts.keys());
  const days = Array.from({ length: last + 1 }, (_, d) => d);
  return svgOf(
    echarts,
    {
      grid: { left: 40, right: 20, top: 20, bottom: 40 },
      xAxis: {
        type: 'category',
        name: msg().reportSigns.daysAxis,
        nameLocation: 'middle',
        nameGap: 26,
        data: days.map((d) => (d === CAP ? `≥${CAP}` : String(d))),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: days.map((d) => ({
            value: counts.get(d) ?? 0,
            itemStyle: { color: d > report.signatureDays ? COLOURS.late : COLOURS.done },
          })),
          label: {
            ...barLabel,
            formatter: (p: { value: unknown }) => (typeof p.value === 'number' && p.value > 0 ? String(p.value) : ''),
          },
        },
      ],
    },
    220,
  );
}

/** Each expert's sessions and hours. */
export function expertChart(echarts: ECharts, report: Report): string {
  const names = report.experts.map((e) => e.name);
  return svgOf(
    echarts,
    {
      legend: { top: 0 },
      grid: { left: 70, right: 40, top: 30, bottom: 20 },
      yAxis: { type: 'category', data: names, inverse: true },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: msg().reportSigns.sessions,
          data: report.experts.map((e) => e.sessions),
          color: COLOURS.done,
          label: { show: true, position: 'right' },
        },
        {
          type: 'bar',
          name: msg().reportSigns.hours,
          data: report.experts.map((e) => Math.round((e.minutes / 60) * 10) / 10),
          color: COLOURS.second,
          label: { show: true, position: 'right' },
        },
      ],
    },
    Math.max(120, 50 + names.length * 44),
  );
}

/** The checklist's counts, a row per form and a column per month, as a heat map with the numbers in it. */
export function tallyChart(echarts: ECharts, report: Report): string {
  const forms = report.tallies[0]?.rows.map((r) => r.name) ?? [];
  const months = report.tallies.map((t) => msg().reportCounts.monthShort(Number(t.month.slice(5, 7))));
  const data = report.tallies.flatMap((t, x) => t.rows.map((r, y) => [x, y, r.count]));
  const max = Math.max(1, ...data.map((d) => d[2]!));
  return svgOf(
    echarts,
    {
      grid: { left: 200, right: 10, top: 10, bottom: 30 },
      xAxis: { type: 'category', data: months, position: 'bottom', splitArea: { show: false } },
      yAxis: {
        type: 'category',
        data: forms,
        inverse: true,
        axisLabel: { fontSize: 10, width: 190, overflow: 'truncate' },
      },
      visualMap: { show: false, min: 0, max, inRange: { color: ['#f4f8fb', '#2e7d9a'] } },
      series: [{ type: 'heatmap', data, label: { show: true, fontSize: 10 }, itemStyle: { borderColor: '#fff' } }],
    },
    40 + forms.length * 22,
  );
}

/** check's findings per rule: errors and warnings. */
export function problemChart(echarts: ECharts, report: Report): string {
  const rules = report.problems.rules.slice(0, 15);
  return svgOf(
    echarts,
    {
      legend: { top: 0 },
      grid: { left: 150, right: 40, top: 30, bottom: 20 },
      yAxis: { type: 'category', data: rules.map((r) => r.rule), inverse: true, axisLabel: { fontSize: 10 } },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          stack: 'all',
          name: msg().reportCounts.errors,
          data: rules.map((r) => r.errors),
          color: COLOURS.late,
        },
        {
          type: 'bar',
          stack: 'all',
          name: msg().reportCounts.warnings,
          data: rules.map((r) => r.warnings),
          color: COLOURS.warning,
        },
      ],
    },
    50 + rules.length * 24,
  );
}
