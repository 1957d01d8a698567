/** Small SOPs written for the protocol tests; line numbers in comments are 0-based, as LSP counts. */

export const ONBOARDING = [
  '---', // 0
  'id: PRC-001', // 1
  'title: Client Onboarding', // 2
  'type: process', // 3
  'status: active', // 4
  'links:', // 5
  '  relates_to: [POL-001, CUS-001]', // 6
  '---', // 7
  '', // 8
  '# Client Onboarding', // 9
  '', // 10
  '## Roles', // 11
  '', // 12
  '| Role | Responsibility |', // 13
  '| --- | --- |', // 14
  '| Customer Success Manager (CSM) | Leads onboarding and owns the client relationship. |', // 15
  '| Support Engineer | Creates accounts and fixes access problems. |', // 16
  '', // 17
  '## Procedure', // 18
  '', // 19
  '### Step 1: Account Handoff', // 20
  '**Owner**: Customer Success Manager (CSM)', // 21
  '**Timeline**: Within 1 business day of contract signing', // 22
  '', // 23
  '### Step 2: Workspace Setup', // 24
  '**Timeline**: Within 2 business days of Account Handoff', // 25
  '', // 26
  '### Step 3: Kickoff Call', // 27
  '**Owner**: Support Engneer', // 28
  '**Timeline**: Within 3 business days of Workspace Setup', // 29
  '**Depends on**: Workspace Setup', // 30
  '', // 31
  'Details are in POL-001.', // 32
  '',
].join('\n');

export const PLAIN = [
  'Standard Operating Procedure: Renewal Review', // 0
  'Definitions', // 1
  '- Account Manager (AM): The person who owns the commercial relationship.', // 2
  '- Billing Coordinator (BC): The person who sends invoices.', // 3
  'Procedure', // 4
  '1. Renewal Check', // 5
  'Owner: Account Manager (AM)', // 6
  'Timeline: Within 2 business days of contract signing', // 7
  '2. Invoice', // 8
  'Owner: Billing Coordinator (BC)', // 9
  'Timeline: Within 3 business days of renewal check', // 10
  '',
].join('\n');

export const CUSTOMER = ['---', 'id: CUS-001', 'title: Acme Logistics', 'type: customer', 'status: active', 'contract_signed: 2026-03-02', 'region: US', 'tier: enterprise', '---', '', '# Acme Logistics', ''].join('\n');

export const POLICY = ['---', 'id: POL-001', 'title: Data Retention Policy', 'type: policy', 'status: active', '---', '', '# Data Retention Policy', '', 'Keep client records for seven years.', ''].join('\n');

export const README = ['# Team handbook', '', 'Owner: someone', 'This folder holds our SOPs. See PRC-001 for onboarding.', ''].join('\n');
