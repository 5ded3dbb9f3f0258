// The population issue 12's access bench reviews: 5,000 people with ~500 managers, 10 systems of 4
// roles, 50,000 held grants. Plain SQL (set-based, a handful of statements), so the same text seeds
// Postgres through a client and PGlite inside the bench process.

export const benchPeople = 5000;
export const benchManagers = 500;
/** The managers at the top: nobody above them in the bench org. */
const topManagers = 50;
export const benchSystems = 10;
const rolesPerSystem = 4;
/** Every person holds one role in each system, so 5,000 × 10 = 50,000 held grants. */
export const benchGrants = benchPeople * benchSystems;
/** Systems 9 and 10 are reviewed by their owner (bench-0009, bench-0010), the others by the holder's manager. */
export const ownerReviewedSystems = [9, 10];

export const benchUserId = (n: number) => `bench-${String(n).padStart(4, '0')}`;
const userIdSql = (expression: string) => `'bench-' || lpad((${expression})::text, 4, '0')`;
const nameSql = (expression: string) => `(ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴'])[1 + (${expression}) % 10] || '测' || (${expression})`;

/**
 * People 1–50 lead, 51–500 report to one of them (9 each), 501–5,000 report to one of the 500
 * managers (9 each): the top 50 review 18 people, the other 450 managers 9.
 */
const peopleSql = `
  INSERT INTO users (dingtalk_user_id, name, departments, is_department_leader, manager_dingtalk_user_id, status, created_at, updated_at)
  SELECT ${userIdSql('g')}, ${nameSql('g')},
    jsonb_build_array(jsonb_build_object('id', 990000 + g % 20, 'name', '压测部门 ' || g % 20, 'isLeader', g <= ${benchManagers})),
    g <= ${benchManagers},
    CASE WHEN g <= ${topManagers} THEN NULL
      WHEN g <= ${benchManagers} THEN ${userIdSql(`1 + (g - ${topManagers + 1}) % ${topManagers}`)}
      ELSE ${userIdSql(`1 + (g - ${benchManagers + 1}) % ${benchManagers}`)} END,
    'active', now(), now()
  FROM generate_series(1, ${benchPeople}) AS g`;

const systemsSql = `
  INSERT INTO access_systems (name, description, owner_dingtalk_id, owner_name, reviewer, created_at, updated_at)
  SELECT '压测系统 ' || s, '访问评审压测 ' || s, ${userIdSql('s')}, ${nameSql('s')},
    CASE WHEN s IN (${ownerReviewedSystems.join(', ')}) THEN 'owner' ELSE 'manager' END, now(), now()
  FROM generate_series(1, ${benchSystems}) AS s`;

/** Per system: two low-risk roles, a medium and a high one. */
const rolesSql = `
  INSERT INTO access_roles (system_id, name, description, risk, max_days, created_at)
  SELECT s.id, '角色 ' || k, '压测角色', (ARRAY['low','low','medium','high'])[k], 365, now()
  FROM access_systems s CROSS JOIN generate_series(1, ${rolesPerSystem}) AS k
  WHERE s.name LIKE '压测系统 %'`;

/**
 * Grant k of person p is in system k (one held role per system, as the unique index wants), with
 * the role varying by person and system so every reviewer sees a mix of risks. Ends 1–365 days ahead.
 */
const grantsSql = `
  WITH bench_roles AS (
    SELECT r.id, (row_number() OVER (ORDER BY s.id, r.id) - 1)::int AS idx
    FROM access_roles r JOIN access_systems s ON s.id = r.system_id WHERE s.name LIKE '压测系统 %'
  )
  INSERT INTO access_grants (user_dingtalk_id, user_name, role_id, status, starts_at, ends_at, activated_at, created_at)
  SELECT ${userIdSql('x.p')}, ${nameSql('x.p')}, r.id, 'active', x.started, now() + (1 + random() * 364) * interval '1 day', x.started, x.started
  FROM (
    SELECT p, k, now() - (random() * 300) * interval '1 day' AS started
    FROM generate_series(1, ${benchPeople}) AS p CROSS JOIN generate_series(0, ${benchSystems - 1}) AS k
  ) AS x
  JOIN bench_roles r ON r.idx = ${rolesPerSystem} * x.k + (x.p + x.k) % ${rolesPerSystem}`;

/** The statements in order; each is one round trip. */
export const populationStatements = [peopleSql, systemsSql, rolesSql, grantsSql, 'ANALYZE users', 'ANALYZE access_systems', 'ANALYZE access_roles', 'ANALYZE access_grants'];

/** Managers to sign in for the reviewer-page load: every 12th, so both the top 50 (18 reports) and the others (9) are in. */
export function sampleManagers(count: number): string[] {
  return Array.from({ length: count }, (_, index) => benchUserId(1 + ((index * 12) % benchManagers)));
}
