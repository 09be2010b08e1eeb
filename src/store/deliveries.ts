import type { Sql } from "./sql.ts";

export interface DeliveryRecord {
  deliveryId: string;
  event: string;
  action: string | null;
  installationId: number | null;
  repoFullName: string | null;
  receivedAt: Date;
}

/** Records a webhook delivery. Returns false when this delivery id was already recorded. */
export async function recordDelivery(sql: Sql, delivery: DeliveryRecord): Promise<boolean> {
  const rows = await sql.query(
    `insert into webhook_deliveries (delivery_id, event, action, installation_id, repo_full_name, received_at)
     values ($1, $2, $3, $4, $5, $6) on conflict (delivery_id) do nothing returning delivery_id`,
    [delivery.deliveryId, delivery.event, delivery.action, delivery.installationId, delivery.repoFullName, delivery.receivedAt],
  );
  return rows.length === 1;
}
