import { date, duration, group, line, optional, signature, text } from './fields.js';
import type { Values } from './form.js';

/**
 * The lower half that 督导记录表 and 个别督导登记表 share on paper: when and where, what was
 * discussed, the social worker's plan, and both signatures. `worker` is the field naming the worker.
 */
export function supervisionSession(worker: string) {
  return {
    date: date('督导时间'),
    duration: duration('督导时长'),
    location: line('督导地点'),
    content: text('督导内容'),
    advice: text('督导建议'),
    worker_plan: text('社工计划', { hint: '由社工填写' }),
    signatures: optional(
      group(
        '签名',
        { worker: signature('社工（签名）', worker), supervisor: signature('督导（签名）', 'supervisor') },
        { hint: '督导结束后一周内签名' },
      ),
    ),
  };
}

/** The names under both signatures, known as soon as the worker and the supervisor are. */
export const prefillSigners =
  (worker: string) =>
  (v: Values): Values => ({
    signatures: { worker: { name: v[worker] }, supervisor: { name: v.supervisor } },
  });
