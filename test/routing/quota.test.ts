import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { IMAGE, newNetwork } from '../helpers/network';

/** `count` routed services, each with a rule of its own specificity. */
function networkWithRules(count: number) {
  // no lifted stack limit: services beyond the first 20 go into nested stacks (test/scale)
  const app = new App();
  const { stack, network } = newNetwork({ loadBalancer: { accessLogs: false }, monitoring: { enabled: false } }, new Stack(app, 'Stack'));
  for (let i = 0; i < count; i++) {
    network.addService(`s${i}`, { image: IMAGE, containerPort: 80, routing: { pathPatterns: [`/${'x'.repeat(i + 1)}/*`] } });
  }
  return stack;
}

describe('rule quota', () => {
  test('100 rules: no warning', () => {
    const stack = networkWithRules(100);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('ruleQuota'));
  });

  test('more than 100 rules: one ruleQuota warning', () => {
    const stack = networkWithRules(102);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('listener rules, above the default quota of 100'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).toMatch(/101 listener rules.*\[ack: ecs-advanced-network:ruleQuota\]/);
  });
});
