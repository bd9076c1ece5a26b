using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class AppConnections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "app_connect_states",
                columns: table => new
                {
                    state_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    admin_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    app_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    verifier_ciphertext = table.Column<string>(type: "text", nullable: true),
                    redirect_uri = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_app_connect_states", x => x.state_hash);
                });

            migrationBuilder.CreateTable(
                name: "app_connections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    app_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    account = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    account_name = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    scopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    access_token_ciphertext = table.Column<string>(type: "text", nullable: false),
                    refresh_token_ciphertext = table.Column<string>(type: "text", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    connected_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_app_connections", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_app_connect_states_expires_at",
                table: "app_connect_states",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_app_connections_workspace_id_app_id_account",
                table: "app_connections",
                columns: new[] { "workspace_id", "app_id", "account" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "app_connect_states");

            migrationBuilder.DropTable(
                name: "app_connections");
        }
    }
}
