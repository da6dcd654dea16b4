import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../src/kernel/workflow.js';
import { awardNominations } from '../src/modules/activities/awards.tables.js';
import { nominationWorkflow } from '../src/modules/activities/awards.workflow.js';
import { legalCases } from '../src/modules/legal/legal.tables.js';
import { legalCaseWorkflow } from '../src/modules/legal/legal.workflow.js';
import { membershipApplications } from '../src/modules/members/members.tables.js';
import { membershipWorkflow } from '../src/modules/members/membership.workflow.js';
import { dutyRecords } from '../src/modules/participation/duties.tables.js';
import { dutyWorkflow } from '../src/modules/participation/duties.workflow.js';
import { programmeApplications } from '../src/modules/programmes/programmes.tables.js';
import { applicationWorkflow } from '../src/modules/programmes/programmes.workflow.js';
import { programmeSignups } from '../src/modules/programmes/quota.tables.js';
import { signupWorkflow } from '../src/modules/programmes/quota.workflow.js';
import { proposals } from '../src/modules/participation/proposals.tables.js';
import { proposalWorkflow } from '../src/modules/participation/proposals.workflow.js';
import { suggestions } from '../src/modules/participation/suggestions.tables.js';
import { suggestionWorkflow } from '../src/modules/participation/suggestions.workflow.js';
import { stories } from '../src/modules/activities/stories.tables.js';
import { storyWorkflow } from '../src/modules/activities/stories.workflow.js';

/**
 * The workflow engine reads and writes a definition's table by name with raw SQL (kernel/workflow.ts):
 * this holds each definition to the schema, so a renamed table or engine column fails here.
 */
const definitions: [WorkflowDefinition, PgTable][] = [
  [legalCaseWorkflow as WorkflowDefinition, legalCases],
  [membershipWorkflow as WorkflowDefinition, membershipApplications],
  [applicationWorkflow as WorkflowDefinition, programmeApplications],
  [signupWorkflow as WorkflowDefinition, programmeSignups],
  [proposalWorkflow as WorkflowDefinition, proposals],
  [suggestionWorkflow as WorkflowDefinition, suggestions],
  [dutyWorkflow as WorkflowDefinition, dutyRecords],
  [storyWorkflow as WorkflowDefinition, stories],
  [nominationWorkflow as WorkflowDefinition, awardNominations],
];

describe('workflow tables in the schema', () => {
  it.each(definitions.map(([def, table]) => [def.name, def, table] as const))(
    '%s: its table has the columns the engine uses',
    (_, def, table) => {
      const config = getTableConfig(table);
      expect(config.name).toBe(def.table);
      const columns = new Map(config.columns.map((c) => [c.name, c]));
      expect(columns.get('id')?.primary).toBe(true);
      expect(columns.get('status')?.getSQLType()).toBe('text');
      expect(columns.get('status')?.notNull).toBe(true);
      expect(columns.get('status_changed_at')?.getSQLType()).toBe('timestamp with time zone');
      expect(columns.get('due_at')?.getSQLType()).toBe('timestamp with time zone');
    },
  );
});
