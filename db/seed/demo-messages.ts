// The demo's messaging: the SMS module on with a balance, a contact list, and a few messages
// already in person files (an email sent, a simulated SMS, an email the server refused).
import { and, eq, inArray } from 'drizzle-orm';
import type { DbLike } from '../client';
import { contactListMembers, contactLists, messages, messageStatusChanges, messagingSettings, personEmails, persons, smsBalanceChanges, users } from '../schema';
import type { MessageStatus } from '../schema';

const HOUR = 3_600_000;

export async function seedDemoMessages(tx: DbLike, organisationId: string): Promise<void> {
  await tx.insert(messagingSettings).values({ organisationId, smsEnabled: true, smsBalance: 998 });
  await tx.insert(smsBalanceChanges).values([
    { organisationId, delta: 1000, balanceAfter: 1000, reason: 'top_up', createdAt: new Date(Date.now() - 72 * HOUR) },
    { organisationId, delta: -2, balanceAfter: 998, reason: 'sent', createdAt: new Date(Date.now() - 20 * HOUR) },
  ]);
  const [ana] = await tx.select().from(users).where(eq(users.email, 'ana@cauce.local'));
  const people = await tx.select().from(persons).where(eq(persons.organisationId, organisationId));
  const byName = (first: string) => people.find((p) => p.firstName === first)!;
  const withEmail = await tx
    .select({ personId: personEmails.personId })
    .from(personEmails)
    .where(and(eq(personEmails.organisationId, organisationId), inArray(personEmails.personId, people.map((p) => p.id))));
  const [list] = await tx.insert(contactLists).values({ organisationId, name: 'Taller de búsqueda de empleo', createdBy: ana.id }).returning();
  await tx.insert(contactListMembers).values(withEmail.map((e) => ({ listId: list.id, personId: e.personId })));

  const sent: Array<{ first: string; channel: 'email' | 'sms'; address: string; subject: string | null; body: string; status: MessageStatus; reason?: string; hoursAgo: number; segments?: number }> = [
    { first: 'Lucía', channel: 'email', address: 'lucia.munoz@example.org', subject: 'Cita del jueves', body: 'Hola Lucía, te esperamos el jueves a las 10:00 en el centro de servicios sociales. Ana García', status: 'sent', hoursAgo: 48 },
    { first: 'José', channel: 'sms', address: '+34611222333', subject: null, body: 'Hola José, recuerda traer mañana el certificado de empadronamiento. Servicios Sociales', status: 'simulated', hoursAgo: 20, segments: 1 },
    { first: 'Ahmed', channel: 'sms', address: '+34622333444', subject: null, body: 'Hola Ahmed, tu cita es el lunes a las 9:30. Servicios Sociales', status: 'simulated', hoursAgo: 20, segments: 1 },
    { first: 'Carmen', channel: 'email', address: 'carmen.sanchez@example.org', subject: 'Documentación pendiente', body: 'Hola Carmen, nos falta tu último recibo del alquiler para completar la solicitud.', status: 'sent', hoursAgo: 5 },
  ];
  for (const [i, m] of sent.entries()) {
    const at = new Date(Date.now() - m.hoursAgo * HOUR);
    const [row] = await tx
      .insert(messages)
      .values({
        organisationId,
        personId: byName(m.first).id,
        channel: m.channel,
        address: m.address,
        subject: m.subject,
        body: m.body,
        sentBy: ana.id,
        sentByName: ana.name,
        status: m.status,
        reason: m.reason ?? null,
        statusAt: new Date(at.getTime() + 2000),
        idempotencyKey: `demo:${i}`,
        segments: m.segments ?? 0,
        createdAt: at,
      })
      .returning();
    await tx.insert(messageStatusChanges).values([
      { messageId: row.id, organisationId, status: 'queued', at },
      { messageId: row.id, organisationId, status: m.status, reason: m.reason ?? null, at: new Date(at.getTime() + 2000) },
    ]);
  }
}
