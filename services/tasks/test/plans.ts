import type { PoolClient } from 'pg';

/** Reading PostgreSQL's query plans in tests: which scans a query would really make. */

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

/** Every node of the plan of `sql` with `params`, as `EXPLAIN (FORMAT JSON)` gives it, root first. */
export async function planNodes(client: PoolClient, sql: string, params: unknown[]): Promise<PlanNode[]> {
  const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  return flatten(rows[0]!['QUERY PLAN'][0].Plan);
}

/** The nodes that read all of `table`. */
export const seqScansOf = (nodes: PlanNode[], table: string): PlanNode[] =>
  nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === table);
