using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Apps.Posts;

internal sealed class ScheduledPostConfiguration : IEntityTypeConfiguration<ScheduledPost>
{
    public void Configure(EntityTypeBuilder<ScheduledPost> builder)
    {
        builder.ToTable("scheduled_posts");
        builder.Property(p => p.AppId).HasMaxLength(50);
        builder.Property(p => p.Text).HasMaxLength(PostRules.MaxText);
        builder.Property(p => p.Link).HasMaxLength(PostRules.MaxUrl);
        builder.Property(p => p.ImageUrl).HasMaxLength(PostRules.MaxUrl);
        builder.Property(p => p.Status).HasMaxLength(20);
        builder.Property(p => p.ProviderPostId).HasMaxLength(200);
        builder.Property(p => p.Url).HasMaxLength(PostRules.MaxUrl);
        builder.Property(p => p.Error).HasMaxLength(1000);
        builder.Property(p => p.CreatedBy).HasMaxLength(200);
        // The worker's query: what is due (or whose lease ran out), across workspaces.
        builder.HasIndex(p => new { p.Status, p.PublishAt });
        builder.HasIndex(p => new { p.WorkspaceId, p.Id });
    }
}
