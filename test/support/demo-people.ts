/** Demo company people the tests speak about (shared/DEMO.md); ids as the sandbox seeds them. */
export const demo = {
  ceo: 'yq-zhoujianguo',
  itLead: 'yq-wanglei',
  itStaff: 'yq-lina',
  onCall: 'yq-chengang',
  security: 'yq-sunyue',
  auditor: 'yq-zhaomin',
  salesManager: 'yq-liuyang',
  employee: 'yq-zhangwei',
  salesRep: 'yq-huangli',
} as const;

/** One person per role for the role matrix: each holds that role and, where possible, no other. */
export const personByRole = {
  employee: demo.employee,
  it_staff: demo.itStaff,
  it_admin: demo.itLead,
  manager: demo.salesManager,
  auditor: demo.auditor,
} as const;
