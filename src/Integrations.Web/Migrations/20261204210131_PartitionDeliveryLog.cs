using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <summary>
    /// Makes the delivery log and the events range-partitioned by id (UUIDv7, so by time), a week a partition, so retention drops weeks
    /// instead of deleting rows. Existing rows are not copied: each table becomes the first partition of its new parent
    /// (everything before next week), and TimePartitions creates the weeks after it. Attempts lose their foreign key to
    /// the delivery: each table drops its weeks on its own retention.
    /// </summary>
    public partial class PartitionDeliveryLog : Migration
    {
        /// <summary>The parent takes the table's columns, indexes (same names) and foreign keys; the old table is attached
        /// as the partition of everything before next Monday, and a default partition catches ids no week holds yet.</summary>
        internal static string PartitionById(string table) =>
            $$"""
            DO $$
            DECLARE
              t text := '{{table}}';
              legacy text := '{{table}}_legacy';
              h text := lpad(to_hex((extract(epoch FROM date_trunc('week', now() AT TIME ZONE 'UTC') + interval '7 days') * 1000)::bigint), 12, '0');
              bound uuid := (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-0000-0000-000000000000')::uuid;
              idx record;
              fk record;
            BEGIN
              EXECUTE format('ALTER TABLE %I RENAME TO %I', t, legacy);
              EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (id)', t, legacy);
              FOR idx IN
                SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def, c.conname
                FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype = 'p'
                WHERE i.indrelid = legacy::regclass
              LOOP
                IF idx.conname IS NOT NULL THEN
                  EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', legacy, idx.conname, left(idx.conname, 55) || '_legacy');
                  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY (id)', t, idx.conname);
                ELSE
                  EXECUTE format('ALTER INDEX %I RENAME TO %I', idx.name, left(idx.name, 55) || '_legacy');
                  EXECUTE replace(idx.def, ' ON public.' || legacy || ' ', ' ON public.' || t || ' ');
                END IF;
              END LOOP;
              FOR fk IN SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = legacy::regclass AND contype = 'f'
              LOOP
                EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', legacy, fk.conname);
                EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', t, fk.conname, fk.def);
              END LOOP;
              EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (MINVALUE) TO (%L)', t, legacy, bound);
              EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', t || '_default', t);
            END $$;
            """;

        /// <summary>Back to one plain table with the same rows, indexes and foreign keys.</summary>
        internal static string Unpartition(string table) =>
            $$"""
            CREATE TABLE {{table}}_plain (LIKE {{table}} INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
            INSERT INTO {{table}}_plain SELECT * FROM {{table}};
            DO $$
            DECLARE
              t text := '{{table}}';
              idx record;
              fk record;
            BEGIN
              FOR fk IN SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = t::regclass AND contype = 'f' AND conparentid = 0
              LOOP
                EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', t || '_plain', fk.conname || '_p', fk.def);
              END LOOP;
              FOR idx IN
                SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def, c.conname
                FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype = 'p'
                WHERE i.indrelid = t::regclass
              LOOP
                IF idx.conname IS NOT NULL THEN
                  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY (id)', t || '_plain', idx.conname || '_p');
                ELSE
                  EXECUTE replace(replace(idx.def, ' ON ONLY public.' || t || ' ', ' ON public.' || t || '_plain '),
                    'INDEX ' || idx.name || ' ', 'INDEX ' || idx.name || '_p ');
                END IF;
              END LOOP;
              EXECUTE format('DROP TABLE %I CASCADE', t);
              EXECUTE format('ALTER TABLE %I RENAME TO %I', t || '_plain', t);
              FOR idx IN SELECT ic.relname AS name FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = t::regclass
              LOOP
                EXECUTE format('ALTER INDEX %I RENAME TO %I', idx.name, left(idx.name, length(idx.name) - 2));
              END LOOP;
              FOR fk IN SELECT conname FROM pg_constraint WHERE conrelid = t::regclass AND contype = 'f'
              LOOP
                EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', t, fk.conname, left(fk.conname, length(fk.conname) - 2));
              END LOOP;
            END $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_webhook_delivery_attempts_webhook_delivery_delivery_id",
                table: "webhook_delivery_attempts");
            migrationBuilder.Sql(PartitionById("webhook_deliveries"));
            migrationBuilder.Sql(PartitionById("webhook_delivery_attempts"));
            migrationBuilder.Sql(PartitionById("events"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Unpartition("events"));
            migrationBuilder.Sql(Unpartition("webhook_delivery_attempts"));
            migrationBuilder.Sql(Unpartition("webhook_deliveries"));
            migrationBuilder.AddForeignKey(
                name: "fk_webhook_delivery_attempts_webhook_delivery_delivery_id",
                table: "webhook_delivery_attempts",
                column: "delivery_id",
                principalTable: "webhook_deliveries",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
