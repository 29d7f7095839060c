import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Discovery, EcsAdvancedNetwork, EcsAdvancedNetworkProps } from '../../src';
import { AWS_LIMITS, describeOverflow } from '../../src/limits/aws-limits';
import { securityGroupRuleCounts, templateOverflows, widgetCount } from '../../src/limits/check-limits';
import { IMAGE, tempAssignmentsFile } from '../helpers/network';

const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`R${i}`, {}]));

describe('templateOverflows', () => {
  test('a template at every limit overflows nothing', () => {
    const template = { Resources: many(500), Parameters: many(200), Outputs: many(200), Mappings: many(200) };
    expect(templateOverflows('Stack A', template, 1_000_000)).toEqual([]);
  });

  test.each([
    ['resources', { Resources: many(501) }, 0, 501],
    ['parameters', { Parameters: many(201) }, 0, 201],
    ['outputs', { Outputs: many(201) }, 0, 201],
    ['mappings', { Mappings: many(201) }, 0, 201],
    ['templateBytes', {}, 1_000_001, 1_000_001],
  ] as const)('one over the %s limit is one overflow', (key, template, bytes, actual) => {
    expect(templateOverflows('Stack A', template, bytes)).toEqual([{ limit: AWS_LIMITS[key], where: 'Stack A', actual }]);
  });
});

describe('dashboards', () => {
  test('a dashboard of 501 widgets overflows the 500 widgets a dashboard body takes', () => {
    const body = JSON.stringify({ widgets: Array.from({ length: 501 }, () => ({ type: 'text', properties: { markdown: 'x' } })) });
    const template = { Resources: { Board: { Type: 'AWS::CloudWatch::Dashboard', Properties: { DashboardBody: body } } } };
    expect(templateOverflows('Stack A', template, 100)).toEqual([{ limit: AWS_LIMITS.dashboardWidgets, where: 'Dashboard Board in Stack A', actual: 501 }]);
  });

  test('the widgets of the network dashboard as CDK writes it (an Fn::Join) are counted', () => {
    const { app, stack } = network(2, 0);
    const template = JSON.parse(fs.readFileSync(path.join(app.synth().directory, stack.templateFile), 'utf-8'));
    const [dashboard] = Object.values<any>(template.Resources).filter(r => r.Type === 'AWS::CloudWatch::Dashboard');
    expect(dashboard.Properties.DashboardBody['Fn::Join']).toBeDefined();
    // title, alarms, 3 route graphs, 4 service graphs, 2 Service Connect graphs, egress and flow-log widgets, plus section headers
    expect(widgetCount(dashboard.Properties.DashboardBody)).toBeGreaterThan(12);
    expect(widgetCount(dashboard.Properties.DashboardBody)).toBeLessThan(AWS_LIMITS.dashboardWidgets.value);
  });
});

describe('describeOverflow', () => {
  test('a hard limit says that AWS cannot raise it, by how much it overflows, the source and the fix', () => {
    expect(describeOverflow({ limit: AWS_LIMITS.resources, where: 'Stack A', actual: 512 }, 'Place fewer services.')).toBe(
      'Stack A has 512 resources per template, 12 over a limit that AWS cannot raise of 500 ' +
      '(AWS CloudFormation User Guide, "AWS CloudFormation quotas" (cloudformation-limits)). Place fewer services.');
  });

  test('an adjustable limit names the quota to raise', () => {
    expect(describeOverflow({ limit: AWS_LIMITS.securityGroupRulesPerDirection, where: 'Group G (ingress)', actual: 61 }, 'Ask.'))
      .toMatch(/^Group G \(ingress\) has 61 rules per security group and direction, 1 over the default quota "Inbound or outbound rules per security group \(L-0EA8095F\)" of 60/);
  });
});

/** `routed` services behind the load balancer, then `internal` ones, each internal one called by routed service `r<i % routed>`. */
function network(routed: number, internal: number, props: EcsAdvancedNetworkProps = {}) {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  // more hosts than one load balancer takes: the assignments file lets them go to a second one
  const large = routed + internal > 30;
  const net = new EcsAdvancedNetwork(stack, 'Network', {
    loadBalancer: { accessLogs: false },
    ...(large ? { assignmentsFile: tempAssignmentsFile(), servicePlacement: { nestedStacks: Math.ceil((routed + internal) / 25) } } : {}),
    ...props,
  });
  for (let i = 0; i < routed; i++) {
    net.addService(`r${i}`, { image: IMAGE, containerPort: 8080, routing: { hostHeaders: [`r${i}.example.com`] } });
  }
  for (let i = 0; i < internal; i++) {
    net.addService(`i${i}`, { image: IMAGE, containerPort: 9090, connectsTo: [] });
    if (routed > 0) net.findService(`r${i % routed}`)!.connectTo(net.findService(`i${i}`)!);
  }
  return { app, stack, network: net };
}

describe('templates over a CloudFormation limit fail synthesis with what overflows and what to do', () => {
  // aws-cdk-lib itself refuses more than 500 resources; the bytes of a template it does not check
  test('20 services with large environments: a network stack over 1 MB', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const net = new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: { enabled: false }, monitoring: { enabled: false } });
    for (let i = 0; i < 20; i++) net.addService(`s${i}`, { image: IMAGE, environment: { CONFIG: 'x'.repeat(60_000) } });
    expect(() => app.synth()).toThrow(/^ecs-advanced-network: the synthesized templates would fail to deploy:\n {2}Stack Stack \(Stack\.template\.json\) has 1\d{6} bytes \(template size\), \d+ over a limit that AWS cannot raise of 1000000 .*Place fewer services per stack: set `servicePlacement\.nestedStacks` before the first deploy, or give new services a `nestedStack` of their own \(moving a deployed service replaces it\)\.$/);
  });
});

describe('a network stack over 500 resources is a clear error before aws-cdk-lib\'s own', () => {
  test('70 services in the network\'s stack: the error names the stack, the count and `servicePlacement.nestedStacks`', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const net = new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: { enabled: false }, monitoring: { enabled: false } });
    for (let i = 0; i < 70; i++) net.addService(`s${i}`, { image: IMAGE });
    expect(() => app.synth()).toThrow(/Stack Stack has 5\d\d resources per template, \d+ over a limit that AWS cannot raise of 500 .*Place fewer services per stack: set `servicePlacement\.nestedStacks`/);
  });
});

describe('security-group rules per direction', () => {
  test('a service called by 61 others: a warning names the quota', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    // in nested stacks: the rules of calls across stacks count too
    const net = new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: { enabled: false }, monitoring: { enabled: false }, servicePlacement: { nestedStacks: 4 } });
    const callee = net.addService('callee', { image: IMAGE, containerPort: 8080 });
    for (let i = 0; i < 61; i++) net.addService(`c${i}`, { image: IMAGE, discovery: Discovery.none(), connectsTo: ['callee'] });
    expect(securityGroupRuleCounts([net]).find(c => c.group === callee.securityGroup.node.path)).toEqual(
      { group: callee.securityGroup.node.path, ingress: 61, egress: 1 });
    Annotations.fromStack(stack).hasWarning(`/${net.node.path}`, Match.stringLikeRegexp(
      `^Security group ${callee.securityGroup.node.path} \\(ingress\\) has 61 rules per security group and direction, 1 over the default quota "Inbound or outbound rules per security group \\(L-0EA8095F\\)" of 60`));
  });

  test('60 callers: no warning', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    // in nested stacks: the rules of calls across stacks count too
    const net = new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: { enabled: false }, monitoring: { enabled: false }, servicePlacement: { nestedStacks: 4 } });
    net.addService('callee', { image: IMAGE, containerPort: 8080 });
    for (let i = 0; i < 60; i++) net.addService(`c${i}`, { image: IMAGE, discovery: Discovery.none(), connectsTo: ['callee'] });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('securityGroupRules'));
  });
});

// 100 routed services alone are checked against the same limits in test/scale (one network per size)
describe.each([
  [1, 0], [10, 0], [100, 200],
])('%i routed and %i internal services (monitoring on)', (routed, internal) => {
  const { app, stack, network: net } = network(routed, internal);
  const assembly = app.synth();
  const files = [stack.templateFile, ...net.serviceStacks.map(s => s.templateFile)];

  test('every template is within every CloudFormation limit', () => {
    for (const file of files) {
      const text = fs.readFileSync(path.join(assembly.directory, file), 'utf-8');
      expect({ file, overflows: templateOverflows(file, JSON.parse(text), Buffer.byteLength(text)) }).toEqual({ file, overflows: [] });
    }
  });

  test('every security group is within the default rule quota, and no quota warning', () => {
    for (const counts of securityGroupRuleCounts([net])) {
      expect(Math.max(counts.ingress, counts.egress)).toBeLessThanOrEqual(AWS_LIMITS.securityGroupRulesPerDirection.value);
    }
    const warnings = assembly.getStackByName(stack.stackName).messages.filter(m => m.level === 'warning')
      // the one reminder to set `user` (test/services/hardening.test.ts): the services use an image that runs as root
      .filter(m => !String(m.entry.data).includes('ecs-advanced-network:containerUser'));
    expect(warnings.map(w => w.entry.data)).toEqual([]);
  });

  test('every service is placed and the load balancer holds at most 100 target groups', () => {
    expect(net.services).toHaveLength(routed + internal);
    expect(net.services.filter(s => s.targetGroup)).toHaveLength(routed);
    expect(routed).toBeLessThanOrEqual(AWS_LIMITS.targetGroupsPerLoadBalancer.value);
  });
});
