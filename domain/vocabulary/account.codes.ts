/** Codes of accounts: roles (accounts.role) and what the audit log records (audit_log.action). */
import { codesOf, type Term } from './term.model.js';

export const ROLE_TERMS = [
  { code: 'officer', zh: '执法人员', en: 'Officer' },
  { code: 'platform', zh: '平台', en: 'Platform' },
  { code: 'admin', zh: '管理员', en: 'Admin' },
] as const satisfies readonly Term[];
export const ROLES = codesOf(ROLE_TERMS);

/** Every action the services write to the audit log. */
export const AUDIT_ACTION_TERMS = [
  { code: 'review.confirm', zh: '确认侵权', en: 'Confirmed' },
  { code: 'review.dismiss', zh: '排除', en: 'Dismissed' },
  { code: 'review.bulk', zh: '批量审核', en: 'Bulk review' },
  { code: 'case.open', zh: '立案', en: 'Case opened' },
  { code: 'notice.create', zh: '生成通知', en: 'Notice drafted' },
  { code: 'notice.send', zh: '发送通知', en: 'Notice sent' },
  { code: 'notice.withdraw', zh: '撤回通知', en: 'Notice withdrawn' },
  { code: 'notice.reply.delisted', zh: '平台答复：已删除', en: 'Platform reply: delisted' },
  { code: 'notice.reply.refused', zh: '平台答复：拒绝', en: 'Platform reply: refused' },
  { code: 'notice.reply.counter_notice', zh: '平台答复：不侵权声明', en: 'Platform reply: counter-notice' },
  { code: 'notice.item.escalate', zh: '条目转立案', en: 'Item escalated' },
  { code: 'notice.item.withdraw', zh: '条目撤回', en: 'Item withdrawn' },
  { code: 'notice.item.confirm_gone', zh: '确认链接已删除（复扫）', en: 'Listing confirmed gone (re-scan)' },
  { code: 'campaign.create', zh: '新建巡查任务', en: 'Campaign created' },
  { code: 'campaign.update', zh: '修改巡查任务', en: 'Campaign changed' },
  { code: 'campaign.delete', zh: '删除巡查任务', en: 'Campaign deleted' },
  { code: 'run.start', zh: '启动巡查', en: 'Run started' },
  { code: 'auth.login', zh: '登录', en: 'Logged in' },
  { code: 'auth.login_failed', zh: '登录失败', en: 'Login failed' },
  { code: 'account.create', zh: '新建账号', en: 'Account created' },
  { code: 'account.update', zh: '修改账号', en: 'Account changed' },
  { code: 'account.role_change', zh: '变更账号角色', en: 'Account role changed' },
] as const satisfies readonly Term[];
