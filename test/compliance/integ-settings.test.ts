import { App, Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { CASES, IntegSettings, PLACEHOLDER_SETTINGS } from '../../integ/cases';
import { integSettings } from '../../integ/support';

describe('integration settings', () => {
  test('without the variables the apps synthesize with placeholders', () => {
    expect(integSettings({})).toEqual(PLACEHOLDER_SETTINGS);
  });

  test('a real run takes the zone, its id and the certificate from the environment', () => {
    expect(integSettings({
      INTEG_DOMAIN_NAME: 'integ.acme.io',
      INTEG_HOSTED_ZONE_ID: 'Z123',
      INTEG_CERTIFICATE_ARN: 'arn:aws:acm:eu-west-1:111111111111:certificate/x',
    })).toEqual({ deploys: true, domainName: 'integ.acme.io', hostedZoneId: 'Z123', certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/x' });
  });

  test('some but not all of the variables is an error naming the missing ones', () => {
    expect(() => integSettings({ INTEG_DOMAIN_NAME: 'integ.acme.io' }))
      .toThrow('A real integration run needs INTEG_DOMAIN_NAME, INTEG_HOSTED_ZONE_ID, INTEG_CERTIFICATE_ARN; missing: INTEG_HOSTED_ZONE_ID, INTEG_CERTIFICATE_ARN.');
  });

  /**
   * The deletion_protection.enabled attribute of each case's first load balancer, as its template
   * will say (resolved from the construct tree: synthesizing all 16 cases twice took a minute).
   */
  function deletionProtection(settings: IntegSettings): string[] {
    return CASES.map(c => {
      const stack = new Stack(new App(), 'Stack');
      c.build(stack, settings);
      const lb = stack.node.findAll().find((x): x is elbv2.CfnLoadBalancer => x instanceof elbv2.CfnLoadBalancer)!;
      return stack.resolve(lb.loadBalancerAttributes).find((a: any) => a.key === 'deletion_protection.enabled').value;
    });
  }

  test('the snapshots keep deletion protection on; a real run turns it off so a failed create can roll back', () => {
    expect(new Set(deletionProtection(PLACEHOLDER_SETTINGS))).toEqual(new Set(['true']));
    expect(new Set(deletionProtection({ ...PLACEHOLDER_SETTINGS, deploys: true }))).toEqual(new Set(['false']));
  });
});
