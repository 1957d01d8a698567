import type { Duration, Timing } from '../../../server/src/core/timeline/phrases';

/** One line per timing value: compact enough for tables of cases, complete enough to catch any change. */
export function durationText(d: Duration): string {
  const unit = d.business && d.unit !== 'business-days' ? `business-${d.unit}` : d.unit;
  const n = d.series ? d.series.join('/') : d.min === d.max ? `${d.min}` : `${d.min}-${d.max}`;
  const bound = d.bound === 'at-least' ? '>=' : d.bound === 'up-to' ? '<=' : '';
  const q = d.qualifier ? `(${d.qualifier})` : '';
  return `${bound}${d.approximate ? '~' : ''}${n} ${unit}${q}`;
}

export function summarize(t: Timing): string {
  const anchor = 'anchor' in t && t.anchor ? ` of "${t.anchor.text}"` : '';
  switch (t.kind) {
    case 'deadline': {
      let s = `deadline ${durationText(t.within)}${t.first ? ' first' : ''}${anchor}`;
      if (t.action) s += ` action=${t.action}`;
      if (t.percentile !== undefined) s += ` p${t.percentile}`;
      if (t.qualifier) s += ` [${t.qualifier}]`;
      for (const a of t.alternatives ?? []) s += ` | ${durationText(a.within)}${a.qualifier ? ` [${a.qualifier}]` : ''}`;
      return s;
    }
    case 'offset':
      return `offset ${t.direction} ${durationText(t.offset)} axis=${t.axis}${anchor}`;
    case 'window':
      return `window ${t.unit} ${t.from}..${t.to}${anchor}`;
    case 'milestone':
      return `milestone ${t.offsets.join('/')} ${t.unit}${t.noun ? ` "${t.noun}"` : ''}`;
    case 'duration': {
      let s = `duration ${durationText(t.duration)}`;
      if (t.sessions) s += ` sessions=${t.sessions.min}-${t.sessions.max} ${t.sessions.noun}`;
      if (t.noun) s += ` noun="${t.noun}"`;
      if (t.extra) s += ` extra="${t.extra}"`;
      return s;
    }
    case 'relation':
      return `relation ${t.relation}${t.immediate ? ' immediate' : ''}${anchor}`;
    case 'cadence':
      return `cadence every ${t.every.n} ${t.every.unit}${t.times ? ` times=${t.times.min}-${t.times.max}` : ''}${t.window ? ` in ${summarize(t.window)}` : ''}`;
    case 'ongoing':
      return `ongoing ${t.mode}${t.each ? ` each "${t.each.text}"` : ''}`;
    case 'step-anchor':
      return `step-anchor ${t.mode} ${t.steps.map((s) => s.number).join(',')}${t.then ? ` then(${summarize(t.then)})` : ''}${t.condition ? ` if(${summarize(t.condition)})` : ''}`;
    case 'date':
      if (t.month !== undefined) return `date month=${t.month}${t.day !== undefined ? ` day=${t.day}` : ''}${t.part ? ` ${t.part}` : ''}`;
      return `date ${t.date ?? `placeholder ${t.placeholder}`}`;
    case 'clock':
      return `clock ${t.time ?? t.label}${t.zone ? ` ${t.zone}` : ''}`;
    case 'calendar': {
      const parts = ['calendar'];
      if (t.weekday !== undefined) parts.push(`weekday=${t.weekday}`);
      if (t.negated) parts.push('not');
      if (t.which) parts.push(t.which);
      if (t.unit) parts.push(t.unit);
      if (t.relation) parts.push(t.relation);
      if (t.period) parts.push(`the ${t.period}`);
      if (t.dayOfMonth !== undefined) parts.push(`day=${t.dayOfMonth}`);
      return parts.join(' ') + anchor;
    }
    case 'period':
      return `period ${t.which} ${durationText(t.length)}${anchor}`;
    case 'unparsed':
      return `unparsed: ${t.reason}`;
  }
}
