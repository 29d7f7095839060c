import { EgressKind } from '../../src';
import {
  cents, estimateCost, egressLines, NetworkCostInput, resolveAssumptions, serviceLine, ServiceCostInput,
} from '../../src/report/cost';
import { CostCategory } from '../../src/report/cost-types';
import { US_EAST_1 } from '../../src/report/prices';

const svc = (name: string, cpu: number, memoryLimitMiB: number, extra: Partial<ServiceCostInput> = {}): ServiceCostInput =>
  ({ name, cpu, memoryLimitMiB, desiredCount: 2, spot: false, arm: false, ...extra });

/** The bundled example: 2 AZs, NAT per AZ, internet-facing ALB, web and orders 0.25 vCPU, api 0.5 vCPU, 2 tasks each. */
const EXAMPLE: NetworkCostInput = {
  azCount: 2,
  egress: EgressKind.NAT_GATEWAY_PER_AZ,
  interfaceEndpoints: [],
  loadBalancers: [{ internetFacing: true }],
  kmsKeys: 1,
  flowLog: true,
  privateDnsNamespace: true,
  alarms: 0,
  dashboards: 0,
  services: [svc('web', 256, 512), svc('orders', 256, 512), svc('api', 512, 1024)],
};

const amounts = (lines: { item: string; monthlyUsd: number }[]) => Object.fromEntries(lines.map(l => [l.item, l.monthlyUsd]));

describe('cost estimate of the example network', () => {
  const estimate = estimateCost(EXAMPLE);

  test('network overhead, line by line', () => {
    expect(amounts(estimate.lines.filter(l => l.category === CostCategory.NETWORK))).toEqual({
      'NAT gateway hours': 65.7, // 2 x 730 x 0.045
      'NAT gateway public IPv4 addresses': 7.3, // 2 x 730 x 0.005
      'NAT gateway data processed': 4.5, // 100 GB x 0.045
      'load balancer hours': 16.43, // 730 x 0.0225 = 16.425
      'load balancer capacity units': 5.84, // 1 x 730 x 0.008
      'load balancer public IPv4 addresses (one per AZ at least)': 7.3,
      'customer managed KMS keys (log groups, alarm topic)': 1,
      'flow log ingestion (vended logs)': 2.5, // 5 GB x 0.5
      'private DNS namespace (Route 53 hosted zone)': 0.5,
    });
    expect(estimate.networkMonthlyUsd).toBe(111.07);
  });

  test('tasks, line by line', () => {
    expect(amounts(estimate.lines.filter(l => l.category === CostCategory.TASKS))).toEqual({
      'service web (0.25 vCPU, 0.5 GB, x86)': 18.02, // 2 x 730 x (0.25 x 0.04048 + 0.5 x 0.004445)
      'service orders (0.25 vCPU, 0.5 GB, x86)': 18.02,
      'service api (0.5 vCPU, 1 GB, x86)': 36.04, // 2 x 730 x (0.5 x 0.04048 + 1 x 0.004445)
      'service log ingestion': 1.5, // 3 x 1 GB x 0.5
    });
    expect(estimate.tasksMonthlyUsd).toBe(73.58);
    expect(estimate.totalMonthlyUsd).toBe(184.65);
  });

  test('the seven egress choices side by side, the current one marked', () => {
    expect(estimate.egressChoices.map(c => [c.kind, c.networkMonthlyUsd, c.totalMonthlyUsd, c.current])).toEqual([
      [EgressKind.NAT_GATEWAY_PER_AZ, 111.07, 184.65, true],
      // 1 gateway + 1 address + 100 GB + 50 GB crossing AZs both ways (1.00)
      [EgressKind.SINGLE_NAT_GATEWAY, 75.57, 149.15, false],
      // 2 active AZs x 730 h x 0.045 + 2 addresses + 100 GB, nothing crossing AZs
      [EgressKind.REGIONAL_NAT_GATEWAY, 111.07, 184.65, false],
      // 2 x t4g.nano (6.13) + 2 addresses (7.30) + 2 x 8 GB gp3 (1.28)
      [EgressKind.NAT_INSTANCES, 48.28, 121.86, false],
      // ecr.api, ecr.dkr, logs in 2 AZs (43.80) + 100 GB through them (1.00)
      [EgressKind.ENDPOINTS_ONLY, 78.37, 151.95, false],
      // IPv6-only tasks, egress-only internet gateway ($0), no NAT, no interface endpoint: the load balancer and the rest
      [EgressKind.ENDPOINTS_ONLY, 33.57, 107.15, false],
      // IPv6-only tasks with NAT64 through a Regional NAT gateway: the gateway's lines, the egress-only gateway free
      [EgressKind.REGIONAL_NAT_GATEWAY, 111.07, 184.65, false],
    ]);
    expect(estimate.egressChoices.map(c => c.ipv6OnlyTasks)).toEqual([false, false, false, false, false, true, true]);
    expect(estimate.egressChoices.map(c => c.internetAccess)).toEqual([true, true, true, true, false, true, true]);
    expect(estimate.egressChoices.map(c => [c.survivesAzLoss, c.needsPatching])).toEqual([
      [true, false], [false, false], [true, false], [false, true], [true, false], [true, false], [true, false],
    ]);
  });

  test('names the cheapest choice with internet egress that survives the loss of an AZ without patching', () => {
    // IPv6-only tasks through the free egress-only internet gateway: no NAT hour, no public IPv4 address for egress
    expect(estimate.cheapestResilientChoice.description).toBe('IPv6-only tasks, egress-only internet gateway, no NAT');
    expect(estimate.cheapestResilientChoice.networkMonthlyUsd).toBe(33.57);
    // among the IPv4 choices, per AZ and regional cost the same over 2 AZs
    const ipv4 = estimate.egressChoices.filter(c => !c.ipv6OnlyTasks && c.survivesAzLoss && c.internetAccess).map(c => c.networkMonthlyUsd);
    expect(ipv4).toEqual([111.07, 111.07]);
  });

  test('states the assumptions and the price source', () => {
    expect(estimate.region).toBe('us-east-1');
    expect(estimate.pricesAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(estimate.priceSources.join(' ')).toContain('https://aws.amazon.com/vpc/pricing/');
    expect(estimate.assumptions.join('\n')).toContain('100 GB a month through the egress path');
  });
});

describe('cost arithmetic', () => {
  const a = resolveAssumptions();

  test('Fargate: ARM and Spot', () => {
    // 730 x (1 x 0.03238 + 2 x 0.00356) x 0.3 = 8.6505
    expect(serviceLine(svc('w', 1024, 2048, { desiredCount: 1, arm: true, spot: true }), US_EAST_1).monthlyUsd).toBe(8.65);
    // 730 x (1 x 0.04048 + 2 x 0.004445) = 36.0401
    expect(serviceLine(svc('w', 1024, 2048, { desiredCount: 1 }), US_EAST_1).monthlyUsd).toBe(36.04);
    // 3 tasks x 730 x (4 x 0.04048 + 8 x 0.004445) = 432.4812
    expect(serviceLine(svc('w', 4096, 8192, { desiredCount: 3 }), US_EAST_1).monthlyUsd).toBe(432.48);
  });

  test('a single NAT gateway over 3 AZs pays for the traffic of the two other AZs crossing over', () => {
    const lines = egressLines(EgressKind.SINGLE_NAT_GATEWAY, 3, { ...a, egressGbPerMonth: 90 }, US_EAST_1);
    expect(amounts(lines)).toEqual({
      'NAT gateway hours': 32.85,
      'NAT gateway public IPv4 addresses': 3.65,
      'NAT gateway data processed': 4.05,
      'traffic crossing AZs to the NAT gateway': 1.2, // 60 GB x 2 x 0.01
    });
  });

  test('NAT instances of a type outside the price table are shown, not priced', () => {
    const lines = egressLines(EgressKind.NAT_INSTANCES, 2, a, US_EAST_1, 'c7gn.16xlarge');
    expect(lines[0]).toMatchObject({ item: 'NAT instance hours (c7gn.16xlarge: not in the price table)', monthlyUsd: 0 });
    const priced = egressLines(EgressKind.NAT_INSTANCES, 2, a, US_EAST_1, 't4g.small');
    expect(priced[0].monthlyUsd).toBe(24.53); // 2 x 730 x 0.0168
  });

  test('endpoints only: the Fargate endpoints are counted, and the NAT choices drop them', () => {
    const input: NetworkCostInput = { ...EXAMPLE, egress: EgressKind.ENDPOINTS_ONLY, interfaceEndpoints: ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager'] };
    const estimate = estimateCost(input, { egressGbPerMonth: 200 });
    expect(amounts(estimate.lines)).toMatchObject({
      'interface endpoints (ecr.api, ecr.dkr, logs, secretsmanager)': 58.4, // 4 x 2 x 730 x 0.01
      'interface endpoint data processed': 2, // 200 GB x 0.01
    });
    const perAz = estimate.egressChoices.find(c => c.kind === EgressKind.NAT_GATEWAY_PER_AZ)!;
    expect(amounts(perAz.lines)).toMatchObject({ 'interface endpoints (secretsmanager)': 14.6, 'NAT gateway data processed': 9 });
    expect(estimate.egressChoices.find(c => c.current)!.kind).toBe(EgressKind.ENDPOINTS_ONLY);
  });

  test('an internal load balancer has no public addresses; an imported VPC has no NAT lines', () => {
    const estimate = estimateCost({ ...EXAMPLE, egress: undefined, loadBalancers: [{ internetFacing: false }], kmsKeys: 0, flowLog: false });
    expect(estimate.lines.filter(l => l.category === CostCategory.NETWORK).map(l => l.item)).toEqual([
      'load balancer hours', 'load balancer capacity units', 'private DNS namespace (Route 53 hosted zone)',
    ]);
    expect(estimate.assumptions.join(' ')).toContain('The VPC is imported');
    expect(estimate.egressChoices.some(c => c.current)).toBe(false);
  });

  test('assumptions change the usage lines', () => {
    const estimate = estimateCost(EXAMPLE,
      { egressGbPerMonth: 1000, loadBalancerCapacityUnits: 3, logGbPerServicePerMonth: 10, flowLogGbPerMonth: 0 });
    expect(amounts(estimate.lines)).toMatchObject({
      'NAT gateway data processed': 45,
      'load balancer capacity units': 17.52,
      'service log ingestion': 15,
      'flow log ingestion (vended logs)': 0,
    });
  });

  test('alarms and dashboards', () => {
    const estimate = estimateCost({ ...EXAMPLE, alarms: 17, dashboards: 1 });
    expect(amounts(estimate.lines)).toMatchObject({ 'CloudWatch alarms': 1.7, 'CloudWatch dashboards': 3 });
    expect(estimate.networkMonthlyUsd).toBe(115.77);
  });

  test('assumptions must be numbers >= 0', () => {
    expect(() => resolveAssumptions({ egressGbPerMonth: -1 })).toThrow(
      '`costAssumptions.egressGbPerMonth` must be a number >= 0, got: -1. Give a usage figure such as 100.');
  });

  test('cents round half up despite binary fractions', () => {
    expect(cents(730 * 0.0225)).toBe(16.43);
    expect(cents(0.125)).toBe(0.13);
    expect(cents(1.004)).toBe(1);
  });
});

describe('Regional NAT gateway cost', () => {
  test('one gateway hour and one public IPv4 address per active AZ, and no traffic crossing AZs', () => {
    const lines = egressLines(EgressKind.REGIONAL_NAT_GATEWAY, 3, resolveAssumptions(), US_EAST_1);
    expect(lines.map(l => [l.item, l.quantity, l.monthlyUsd])).toEqual([
      ['Regional NAT gateway hours (per active AZ)', '3 AZs x 730 h x $0.045', 98.55],
      ['Regional NAT gateway public IPv4 addresses (one per AZ)', '3 x 730 h x $0.005', 10.95],
      ['NAT gateway data processed', '100 GB x $0.045', 4.5],
    ]);
  });

  test('at zero traffic a Regional NAT gateway over 2 AZs costs $73 a month', () => {
    const zero = resolveAssumptions({ egressGbPerMonth: 0 });
    const lines = egressLines(EgressKind.REGIONAL_NAT_GATEWAY, 2, zero, US_EAST_1);
    expect(cents(lines.reduce((t, l) => t + l.monthlyUsd, 0))).toBe(73);
  });
});
