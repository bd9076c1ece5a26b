using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class Activities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    subject = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    direction = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    channel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    body = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: true),
                    connection_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    external_id = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    thread_id = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    participants = table.Column<string>(type: "jsonb", nullable: true),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    deal_id = table.Column<Guid>(type: "uuid", nullable: true),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    custom_fields = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activities", x => x.id);
                    table.ForeignKey(
                        name: "fk_activities_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_activities_contact_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_activities_deal_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_activities_account_id",
                table: "activities",
                column: "account_id",
                filter: "account_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_activities_contact_id",
                table: "activities",
                column: "contact_id",
                filter: "contact_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_activities_deal_id",
                table: "activities",
                column: "deal_id",
                filter: "deal_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_activities_workspace_id_connection_id_external_id",
                table: "activities",
                columns: new[] { "workspace_id", "connection_id", "external_id" },
                unique: true,
                filter: "external_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_activities_workspace_id_id",
                table: "activities",
                columns: new[] { "workspace_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_activities_workspace_id_occurred_at_id",
                table: "activities",
                columns: new[] { "workspace_id", "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_activities_workspace_id_updated_at",
                table: "activities",
                columns: new[] { "workspace_id", "updated_at" });

            // A contact's timeline: the activities that name it among their participants. The ids are read out of
            // the jsonb by an immutable expression and indexed with GIN, so "any of these contacts" (an account's
            // timeline) is one indexed ?| condition, and the index is kept by the same statement that writes the
            // activity; a join table would need its own writes beside every batch of the pipeline.
            migrationBuilder.Sql(
                "CREATE INDEX ix_activities_participant_contacts ON activities USING gin (jsonb_path_query_array(participants, '$[*].contact_id'))");

            // Matching a participant's phone to contacts compares digits only ("+1 (555) 010-2000" = "15550102000").
            migrationBuilder.Sql(
                "CREATE INDEX ix_contacts_phone_digits ON contacts (workspace_id, regexp_replace(phone, '[^0-9]', '', 'g')) WHERE phone IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_contacts_phone_digits");
            migrationBuilder.DropTable(
                name: "activities");
        }
    }
}
