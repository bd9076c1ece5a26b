using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class EventsOneRowPerChange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_events_data_once",
                table: "events");

            // One row per change. A per-object event (contact.created) pointed at the record.* event holding its data:
            // it takes that data, and the record.* twin goes. A deal's new stage was a record.updated with a
            // deal.stage_changed beside it carrying the same data and from_stage/to_stage (written together: same
            // workspace, same time, same deal): the record.updated goes. Deliveries and runs keep the event ids they
            // were made with (no foreign key; a delivery carries its own body and webhook-id).
            migrationBuilder.Sql(
                """
                UPDATE events o SET data = h.data FROM events h WHERE o.data_event_id = h.id;

                DELETE FROM events h USING events o WHERE o.data_event_id = h.id AND h.type LIKE 'record.%';

                DELETE FROM events r USING events s
                WHERE r.type = 'record.updated' AND s.type = 'deal.stage_changed'
                  AND s.workspace_id = r.workspace_id AND s.occurred_at = r.occurred_at AND s.data ->> 'id' = r.data ->> 'id';
                """);

            migrationBuilder.DropColumn(
                name: "data_event_id",
                table: "events");

            migrationBuilder.AlterColumn<string>(
                name: "data",
                table: "events",
                type: "json",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "json",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_workspace_id_id",
                table: "events",
                columns: new[] { "workspace_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_events_workspace_id_id",
                table: "events");

            migrationBuilder.AlterColumn<string>(
                name: "data",
                table: "events",
                type: "json",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "json");

            migrationBuilder.AddColumn<Guid>(
                name: "data_event_id",
                table: "events",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_events_data_once",
                table: "events",
                sql: "(data IS NULL) <> (data_event_id IS NULL)");
        }
    }
}
