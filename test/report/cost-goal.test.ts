import { App, Stack } from 'aws-cdk-lib';
import { buildExampleNetwork } from '../../example/architecture';

/** Zero traffic: nothing through the egress path or the load balancer, no logs. */
const ZERO = { egressGbPerMonth: 0, loadBalancerCapacityUnits: 0, logGbPerServicePerMonth: 0, flowLogGbPerMonth: 0 };

const byDescription = (choices: { description: string; networkMonthlyUsd: number }[]) =>
  Object.fromEntries(choices.map(c => [c.description, c.networkMonthlyUsd]));

describe('the example at zero traffic, with its default monitoring', () => {
  const network = buildExampleNetwork(new Stack(new App(), 'Example'), 'Network', { report: { costAssumptions: ZERO } });
  const cost = network.report().cost;

  test('every egress choice side by side, public IPv4 addresses counted wherever they occur', () => {
    expect(byDescription(cost.egressChoices)).toEqual({
      // 2 NAT gateways (65.70) + their 2 addresses (7.30) + ALB (16.43) + its 2 addresses (7.30) + 2 keys + namespace + 21 alarms + dashboard (7.60)
      'one NAT gateway per Availability Zone': 104.33,
      'a single NAT gateway': 67.83,
      // billed per active AZ: the same as a gateway per AZ over 2 AZs
      'a Regional NAT gateway (billed per active AZ)': 104.33,
      'NAT instances (t4g.nano), one per AZ': 46.04,
      'no NAT, VPC endpoints only': 75.13,
      // no NAT hour and no NAT address: the ALB and its addresses, keys, namespace, alarms, dashboard
      'IPv6-only tasks, egress-only internet gateway, no NAT': 31.33,
      'IPv6-only tasks, egress-only internet gateway, NAT64 through a Regional NAT gateway': 104.33,
    });
  });

  test('the cheapest profile that keeps internet egress, survives the loss of an AZ and needs no patching costs $35 a month or less', () => {
    expect(cost.cheapestResilientChoice.description).toBe('IPv6-only tasks, egress-only internet gateway, no NAT');
    expect(cost.cheapestResilientChoice.networkMonthlyUsd).toBeLessThanOrEqual(35);
    expect(cost.cheapestResilientChoice.networkMonthlyUsd).toBe(31.33);
    expect(network.report().markdown).toContain(
      'Cheapest choice with internet egress that survives the loss of an AZ and needs no patching: **IPv6-only tasks, egress-only internet gateway, no NAT**, $31.33 a month');
  });
});
