/**
 * The org the demo and the tests start from, the night before go-live: queues and users exist,
 * every flow is built but unpublished, a shared authentication module and a holiday data table
 * that several flows consume (the one "somebody added 6 months ago"), and the main numbers still
 * on the legacy platform. Two Amazon Connect contact flows for the launch checklist's plan.
 */
import type { OrgConfiguration, OrgObject } from './org';

const object = (id: string, name: string, type: OrgObject['type'], consumes: string[] = []): OrgObject => ({ id, name, type, version: 1, consumes, published: [] });

/** Numbers the example plans move: the main line and billing (Genesys), and the Connect line. */
export const NUMBERS = { main: '+18005550100', billing: '+18005550101', connect: '+18005550200' } as const;

export function seedConfiguration(): OrgConfiguration {
  return {
    objects: [
      object('dt-holidays', 'Holiday schedule', 'DATATABLE'),
      object('dt-vip-callers', 'VIP callers', 'DATATABLE'),
      object('mod-authenticate', 'Authenticate caller', 'COMMONMODULEFLOW', ['dt-vip-callers']),
      object('mod-business-hours', 'Business hours', 'COMMONMODULEFLOW', ['dt-holidays']),
      object('q-support', 'Support', 'QUEUE'),
      object('q-billing', 'Billing', 'QUEUE'),
      object('iq-support', 'Support in-queue (comfort message, hold music)', 'INQUEUECALLFLOW'),
      object('iq-billing', 'Billing in-queue (comfort message, callback offer)', 'INQUEUECALLFLOW', ['mod-business-hours']),
      object('ib-main', 'Main inbound', 'INBOUNDCALLFLOW', ['mod-authenticate', 'mod-business-hours', 'q-support', 'iq-support']),
      object('ib-billing', 'Billing inbound', 'INBOUNDCALLFLOW', ['mod-authenticate', 'q-billing', 'iq-billing']),
      object('user-jdoe', 'J. Doe (CSR)', 'USER'),
      object('user-asmith', 'A. Smith (supervisor)', 'USER'),
      object('cf-self-service', 'Self-service IVR', 'CONTACTFLOW'),
      object('cf-agent-queue', 'Agent queue', 'CONTACTFLOW', ['cf-self-service']),
    ],
    numbers: {
      [NUMBERS.main]: { target: 'legacy' },
      [NUMBERS.billing]: { target: 'legacy' },
      [NUMBERS.connect]: { target: 'legacy' },
    },
  };
}
