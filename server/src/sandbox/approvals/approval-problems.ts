// Why the approval engine refused a request. DingTalk's exact codes for these are not documented;
// the v1.0 routes answer HTTP 400 with a code in DingTalk's style (invalidParameter.*), and the
// sandbox API with problem+json.

const problems = {
  processCodeNotFound: { code: 'invalidParameter.processCode.notExist', status: 400 },
  originatorNotFound: { code: 'invalidParameter.originatorUserId.notExist', status: 400 },
  deptInvalid: { code: 'invalidParameter.deptId.invalid', status: 400 },
  formComponentNotFound: { code: 'invalidParameter.formComponentValues.notExist', status: 400 },
  formComponentRequired: { code: 'invalidParameter.formComponentValues.required', status: 400 },
  formComponentValueInvalid: { code: 'invalidParameter.formComponentValues.invalid', status: 400 },
  approversInvalid: { code: 'invalidParameter.approvers.invalid', status: 400 },
  instanceNotFound: { code: 'invalidParameter.processInstanceId.notExist', status: 400 },
  instanceFinished: { code: 'processInstance.finished', status: 400 },
  notCurrentApprover: { code: 'task.notCurrentApprover', status: 400 },
} as const;

export type ApprovalProblemName = keyof typeof problems;

export interface ApprovalProblem {
  name: ApprovalProblemName;
  /** DingTalk-style error code for the v1.0 API. */
  code: string;
  status: number;
  /** In Chinese, as DingTalk's messages are. */
  message: string;
}

export function approvalProblem(name: ApprovalProblemName, message: string): ApprovalProblem {
  return { name, ...problems[name], message };
}
