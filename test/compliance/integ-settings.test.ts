import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
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

  /** The deletion_protection.enabled attribute of each case's load balancer. */
  function deletionProtection(settings: IntegSettings): string[] {
    return CASES.map(c => {
      const stack = new Stack(new App(), 'Stack');
      c.build(stack, settings);
      const lb = Object.values(Template.fromStack(stack).findResources('AWS::ElasticLoadBalancingV2::LoadBalancer'))[0];
      return lb.Properties.LoadBalancerAttributes.find((a: any) => a.Key === 'deletion_protection.enabled').Value;
    });
  }

  test('the snapshots keep deletion protection on; a real run turns it off so a failed create can roll back', () => {
    expect(new Set(deletionProtection(PLACEHOLDER_SETTINGS))).toEqual(new Set(['true']));
    expect(new Set(deletionProtection({ ...PLACEHOLDER_SETTINGS, deploys: true }))).toEqual(new Set(['false']));
  });
});
