import { Template } from 'aws-cdk-lib/assertions';
import { IMAGE, allProps, newNetwork, serviceProps } from '../helpers/network';

function hasSsmMessagesEndpoint(t: Template): boolean {
  return allProps(t, 'AWS::EC2::VPCEndpoint').some(p => JSON.stringify(p.ServiceName).includes('.ssmmessages'));
}

describe('ECS Exec', () => {
  test('off by default, and no ssmmessages endpoint', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    const t = Template.fromStack(stack);
    expect(serviceProps(t, svc).EnableExecuteCommand).toBe(false);
    expect(hasSsmMessagesEndpoint(t)).toBe(false);
  });

  test('with a read-only root and no writable directory it is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, enableExecuteCommand: true }))
      .toThrow(/`worker\.enableExecuteCommand` needs a writable filesystem.*got: true\. Give `writableDirectories`/);
  });

  test('with writableDirectories it is allowed and creates the ssmmessages endpoint', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE, enableExecuteCommand: true, writableDirectories: ['/tmp'] });
    const t = Template.fromStack(stack);
    expect(serviceProps(t, svc).EnableExecuteCommand).toBe(true);
    expect(hasSsmMessagesEndpoint(t)).toBe(true);
  });

  test('with a writable root filesystem it is allowed', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE, enableExecuteCommand: true, readonlyRootFilesystem: false });
    expect(serviceProps(Template.fromStack(stack), svc).EnableExecuteCommand).toBe(true);
  });
});
