import { Template } from 'aws-cdk-lib/assertions';
import { EcsAdvancedNetwork, EcsAdvancedNetworkProps, NetworkService } from '../../src';
import { IMAGE, logicalId, newNetwork, newStack } from '../helpers/network';

/** A network with a routed service `web`, a Service Connect server `orders` and a service `worker` without a port. */
export function monitoredNetwork(props: EcsAdvancedNetworkProps = {}, stack = newStack()): {
  network: EcsAdvancedNetwork; web: NetworkService; orders: NetworkService; worker: NetworkService; template: () => Template;
} {
  const { network } = newNetwork(props, stack);
  const web = network.addService('web', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/*'] } });
  const orders = network.addService('orders', { image: IMAGE, containerPort: 8080 });
  const worker = network.addService('worker', { image: IMAGE, connectsTo: ['orders'] });
  return { network, web, orders, worker, template: () => Template.fromStack(stack) };
}

/** The properties of every alarm, by alarm name. */
export function alarmsByName(template: Template): { [name: string]: any } {
  return Object.fromEntries(Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    .map(r => [r.Properties.AlarmName, r.Properties]));
}

/** The dashboard body with its references replaced by `<ref:LogicalId>`, parsed. */
export function dashboardBody(template: Template): any {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const join = dashboards[0].Properties.DashboardBody['Fn::Join'][1] as unknown[];
  const text = join.map(part => typeof part === 'string' ? part : `<ref:${refName(part)}>`).join('');
  return JSON.parse(text);
}

function refName(part: any): string {
  if (part.Ref) return part.Ref;
  if (part['Fn::GetAtt']) return part['Fn::GetAtt'].join('.');
  return 'expr';
}

/** The titles of every widget of the dashboard (text widgets by their markdown heading). */
export function widgetTitles(body: any): string[] {
  return body.widgets.map((w: any) => w.properties.title ?? (w.properties.markdown as string).split('\n')[0]);
}

/** `{ Ref: <logical id> }` of a construct's L1. */
export function refOf(construct: any): any {
  return { Ref: logicalId(construct) };
}
