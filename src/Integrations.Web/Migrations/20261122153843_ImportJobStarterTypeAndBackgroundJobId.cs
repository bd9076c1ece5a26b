using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class ImportJobStarterTypeAndBackgroundJobId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "background_job_id",
                table: "import_jobs",
                type: "character varying(100)",
                maxLength: 100,
                // Null: jobs queued before this column are queued once more by the sweep, which their runner shrugs off
                // if it already ran (and which rescues any whose enqueue failed).
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "started_by_type",
                table: "import_jobs",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                // Until now only signed-in users were recorded as starters.
                defaultValue: "User");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "background_job_id",
                table: "import_jobs");

            migrationBuilder.DropColumn(
                name: "started_by_type",
                table: "import_jobs");
        }
    }
}
