// Approval templates (审批模板) as an admin sets them up in DingTalk's approval app: a form and a
// default flow. The sandbox seeds the one DingOps needs, "权限变更申请" (permission change).

export type FormComponentType = 'TextField' | 'TextareaField' | 'NumberField' | 'DDSelectField' | 'DDDateField';

export interface FormComponent {
  /** Component id, e.g. 'TextField-SYSTEM'. */
  id: string;
  componentType: FormComponentType;
  /** Shown label; `formComponentValues[].name` must match it. */
  label: string;
  /** Stable alias for code (DingTalk's `bizAlias`). */
  bizAlias: string;
  required: boolean;
  placeholder?: string;
  options?: string[];
  unit?: string;
}

/** One step of the default flow: the originator's manager `level` levels up (1 = direct manager). */
export interface ManagerStep {
  kind: 'manager';
  level: number;
}

export interface ProcessDefinition {
  processCode: string;
  name: string;
  description: string;
  icon: string;
  components: FormComponent[];
  /** Used when the start request names no approvers. */
  defaultFlow: ManagerStep[];
  /** Epoch ms. */
  createdAt: number;
  creatorUserId: string;
}

/** processCode of the seeded "权限变更申请" template. */
export const accessProcessCode = 'PROC-DINGOPS-ACCESS';

export function createAccessProcessDefinition({ createdAt, creatorUserId }: { createdAt: number; creatorUserId: string }): ProcessDefinition {
  return {
    processCode: accessProcessCode,
    name: '权限变更申请',
    description: '申请新增、变更或撤销业务系统权限，由直属主管审批',
    icon: 'common',
    components: [
      { id: 'TextField-SYSTEM', componentType: 'TextField', label: '申请系统', bizAlias: 'system', required: true, placeholder: '例如 CRM' },
      { id: 'TextField-PERMISSION', componentType: 'TextField', label: '申请权限', bizAlias: 'permission', required: true, placeholder: '例如 CRM 管理员' },
      { id: 'DDSelectField-CHANGE', componentType: 'DDSelectField', label: '变更类型', bizAlias: 'changeType', required: true, options: ['新增', '续期', '变更', '撤销'] },
      { id: 'NumberField-DAYS', componentType: 'NumberField', label: '有效期（天）', bizAlias: 'durationDays', required: false, unit: '天' },
      { id: 'TextareaField-REASON', componentType: 'TextareaField', label: '申请理由', bizAlias: 'reason', required: true },
      { id: 'TextField-REQUEST', componentType: 'TextField', label: 'DingOps申请单号', bizAlias: 'requestId', required: false },
      { id: 'DDSelectField-RISK', componentType: 'DDSelectField', label: '风险等级', bizAlias: 'risk', required: false, options: ['低', '中', '高'] },
      { id: 'TextField-HOLDER', componentType: 'TextField', label: '权限使用人', bizAlias: 'holder', required: false },
      { id: 'TextField-LINK', componentType: 'TextField', label: '详情链接', bizAlias: 'link', required: false },
    ],
    defaultFlow: [{ kind: 'manager', level: 1 }],
    createdAt,
    creatorUserId,
  };
}

/** `GET /v1.0/workflow/forms/schemas/processCodes`: the template in the SDK's schema shape. */
export function renderSchema(definition: ProcessDefinition, formatTime: (ms: number) => string) {
  return {
    result: {
      name: definition.name,
      memo: definition.description,
      icon: definition.icon,
      formCode: definition.processCode,
      formUuid: `FORM-${definition.processCode.replace(/^PROC-/, '')}`,
      appType: 0,
      appUuid: '',
      bizType: '',
      creatorUserId: definition.creatorUserId,
      engineType: 0,
      ownerIdType: 'userId',
      procType: 'inner',
      status: 'PUBLISHED',
      visibleRange: 'PUBLIC',
      listOrder: 1,
      customSetting: '',
      gmtCreate: formatTime(definition.createdAt),
      gmtModified: formatTime(definition.createdAt),
      schemaContent: {
        title: definition.name,
        icon: definition.icon,
        items: definition.components.map((component) => ({
          componentName: component.componentType,
          props: {
            id: component.id,
            label: component.label,
            bizAlias: component.bizAlias,
            required: component.required,
            ...(component.placeholder ? { placeholder: component.placeholder } : {}),
            ...(component.options ? { options: component.options } : {}),
            ...(component.unit ? { unit: component.unit } : {}),
          },
        })),
      },
    },
  };
}
