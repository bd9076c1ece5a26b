using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class LeanerEventsAndIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_events_workspace_id_id",
                table: "events");

            migrationBuilder.DropIndex(
                name: "ix_deals_account_id",
                table: "deals");

            migrationBuilder.DropIndex(
                name: "ix_deals_contact_id",
                table: "deals");

            migrationBuilder.DropIndex(
                name: "ix_contacts_account_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_workspace_id_id",
                table: "audit_entries");

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

            migrationBuilder.CreateIndex(
                name: "ix_deals_account_id",
                table: "deals",
                column: "account_id",
                filter: "account_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deals_contact_id",
                table: "deals",
                column: "contact_id",
                filter: "contact_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_account_id",
                table: "contacts",
                column: "account_id",
                filter: "account_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_workspace_id_id",
                table: "audit_entries",
                columns: new[] { "workspace_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Each event gets its own copy of the data it shared, before the column that points to it goes.
            migrationBuilder.Sql("UPDATE events AS e SET data = d.data FROM events AS d WHERE e.data_event_id = d.id");

            migrationBuilder.DropCheckConstraint(
                name: "ck_events_data_once",
                table: "events");

            migrationBuilder.DropIndex(
                name: "ix_deals_account_id",
                table: "deals");

            migrationBuilder.DropIndex(
                name: "ix_deals_contact_id",
                table: "deals");

            migrationBuilder.DropIndex(
                name: "ix_contacts_account_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_workspace_id_id",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "data_event_id",
                table: "events");

            migrationBuilder.AlterColumn<string>(
                name: "data",
                table: "events",
                type: "json",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "json",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_workspace_id_id",
                table: "events",
                columns: new[] { "workspace_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_deals_account_id",
                table: "deals",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_deals_contact_id",
                table: "deals",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_account_id",
                table: "contacts",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_workspace_id_id",
                table: "audit_entries",
                columns: new[] { "workspace_id", "id" },
                descending: new[] { false, true });
        }
    }
}
