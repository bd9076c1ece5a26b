using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class OneReplayAtATime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "replay_job_id",
                table: "webhook_subscriptions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "replay_started_at",
                table: "webhook_subscriptions",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "replay_job_id",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "replay_started_at",
                table: "webhook_subscriptions");
        }
    }
}
