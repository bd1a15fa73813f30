package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Seed is the seed of every random choice of the corpus.
const Seed = 20261130

// definitions are the shared objects every event refers to.
func definitions() map[string]*shape {
	d := map[string]*shape{}
	accountDefinitions(d)
	repositoryPartDefinitions(d)
	assoc := enum("COLLABORATOR", "CONTRIBUTOR", "FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR", "MANNEQUIN", "MEMBER", "NONE", "OWNER")
	pullDefinitions(d, assoc)
	commitDefinitions(d)
	checkDefinitions(d, assoc)
	return d
}

// urls are required URL properties.
func urls(names ...string) []prop {
	var out []prop
	for _, n := range names {
		out = append(out, req(n, uri()))
	}
	return out
}

// accountDefinitions adds users, organizations, installations, licenses and repositories.
func accountDefinitions(d map[string]*shape) {
	d["user"] = obj(append([]prop{
		req("login", str("word")), req("id", integer()), req("node_id", str("node")),
		req("gravatar_id", str("word")), req("type", enum("User", "Bot", "Organization")), req("site_admin", boolean()),
		opt("name", nullable(str("word"))), opt("email", nullable(str("email")))},
		urls("avatar_url", "url", "html_url", "followers_url", "following_url", "gists_url", "starred_url",
			"subscriptions_url", "organizations_url", "repos_url", "events_url", "received_events_url")...)...)
	d["organization"] = obj(append([]prop{
		req("login", str("word")), req("id", integer()), req("node_id", str("node")),
		req("description", nullable(str("text")))},
		urls("url", "repos_url", "events_url", "hooks_url", "issues_url", "members_url", "public_members_url", "avatar_url")...)...)
	d["installation_lite"] = obj(req("id", integer()), req("node_id", str("node")))
	d["license"] = obj(req("key", str("word")), req("name", str("word")), req("spdx_id", str("word")),
		req("url", nullable(uri())), req("node_id", str("node")))
	d["repository"] = obj(append([]prop{
		req("id", integer()), req("node_id", str("node")), req("name", str("word")), req("full_name", str("word")),
		req("private", boolean()), req("owner", ref("user")), req("description", nullable(str("text"))),
		req("fork", boolean()),
		req("created_at", oneOf(integer(), dateTime())), req("updated_at", dateTime()),
		req("pushed_at", oneOf(integer(), dateTime(), &shape{kind: "null"})),
		req("git_url", str("word")), req("ssh_url", str("word")), req("clone_url", uri()), req("svn_url", uri()),
		req("homepage", nullable(str("word"))), req("size", integer()), req("stargazers_count", integer()),
		req("watchers_count", integer()), req("language", nullable(str("word"))), req("has_issues", boolean()),
		req("has_projects", boolean()), req("has_downloads", boolean()), req("has_wiki", boolean()),
		req("has_pages", boolean()), req("forks_count", integer()), req("mirror_url", nullable(uri())),
		req("archived", boolean()), opt("disabled", boolean()), req("open_issues_count", integer()),
		req("license", nullable(ref("license"))), opt("topics", arr(str("word"), 0, 5)),
		opt("visibility", enum("public", "private", "internal")), req("forks", integer()),
		req("open_issues", integer()), req("watchers", integer()), req("default_branch", str("word")),
		opt("permissions", obj(req("admin", boolean()), opt("maintain", boolean()), req("push", boolean()),
			opt("triage", boolean()), req("pull", boolean()))),
		opt("custom_properties", &shape{kind: "map", elem: str("word")})},
		urls("html_url", "url", "forks_url", "keys_url", "collaborators_url", "teams_url", "hooks_url",
			"issue_events_url", "events_url", "assignees_url", "branches_url", "tags_url", "blobs_url",
			"git_tags_url", "git_refs_url", "trees_url", "statuses_url", "languages_url", "stargazers_url",
			"contributors_url", "subscribers_url", "subscription_url", "commits_url", "git_commits_url",
			"comments_url", "issue_comment_url", "contents_url", "compare_url", "merges_url", "archive_url",
			"downloads_url", "issues_url", "pulls_url", "milestones_url", "notifications_url", "labels_url",
			"releases_url", "deployments_url")...)...)
}

// repositoryPartDefinitions adds labels, milestones, reactions, links, teams and branches.
func repositoryPartDefinitions(d map[string]*shape) {
	d["label"] = obj(req("id", integer()), req("node_id", str("node")), req("url", uri()), req("name", str("word")),
		req("color", &shape{kind: "string", gen: "hex6", pat: "^[0-9a-fA-F]{6}$"}), req("default", boolean()),
		req("description", nullable(str("text"))))
	d["milestone"] = obj(req("url", uri()), req("html_url", uri()), req("labels_url", uri()), req("id", integer()),
		req("node_id", str("node")), req("number", integer()), req("title", str("word")),
		req("description", nullable(str("text"))), req("creator", nullable(ref("user"))),
		req("open_issues", integer()), req("closed_issues", integer()), req("state", enum("open", "closed")),
		req("created_at", dateTime()), req("updated_at", dateTime()), req("due_on", nullable(dateTime())),
		req("closed_at", nullable(dateTime())))
	d["reactions"] = obj(req("url", uri()), req("total_count", integer()), req("+1", integer()), req("-1", integer()),
		req("laugh", integer()), req("hooray", integer()), req("confused", integer()), req("heart", integer()),
		req("rocket", integer()), req("eyes", integer()))
	d["link"] = obj(req("href", uri()))
	d["team"] = obj(req("name", str("word")), req("id", integer()), req("node_id", str("node")), req("slug", str("word")),
		req("description", nullable(str("text"))), req("privacy", enum("open", "closed", "secret")),
		opt("notification_setting", enum("notifications_enabled", "notifications_disabled")),
		req("url", uri()), req("html_url", uri()), req("members_url", uri()), req("repositories_url", uri()),
		req("permission", str("word")), opt("parent", nullable(ref("team_parent"))))
	d["team_parent"] = obj(req("name", str("word")), req("id", integer()), req("node_id", str("node")),
		req("slug", str("word")), req("description", nullable(str("text"))), req("privacy", enum("open", "closed", "secret")),
		req("url", uri()), req("html_url", uri()), req("members_url", uri()), req("repositories_url", uri()),
		req("permission", str("word")))
	d["branch"] = obj(req("label", str("word")), req("ref", str("ref")), req("sha", str("sha")),
		req("user", ref("user")), req("repo", ref("repository")))
}

// pullDefinitions adds pull requests and issues (assoc: the author association enum).
func pullDefinitions(d map[string]*shape, assoc *shape) {
	d["pull_request"] = obj(append([]prop{
		req("id", integer()), req("node_id", str("node")), req("number", integer()),
		req("state", enum("open", "closed")), req("locked", boolean()), req("title", str("text")),
		req("user", ref("user")), req("body", nullable(str("text"))), req("created_at", dateTime()),
		req("updated_at", dateTime()), req("closed_at", nullable(dateTime())), req("merged_at", nullable(dateTime())),
		req("merge_commit_sha", nullable(str("sha"))), req("assignee", nullable(ref("user"))),
		req("assignees", arr(ref("user"), 0, 2)),
		req("requested_reviewers", arr(oneOf(ref("user"), ref("team")), 0, 2)),
		req("requested_teams", arr(ref("team"), 0, 1)), req("labels", arr(ref("label"), 0, 3)),
		req("milestone", nullable(ref("milestone"))), opt("draft", boolean()),
		req("head", ref("branch")), req("base", ref("branch")),
		req("_links", obj(req("self", ref("link")), req("html", ref("link")), req("issue", ref("link")),
			req("comments", ref("link")), req("review_comments", ref("link")), req("review_comment", ref("link")),
			req("commits", ref("link")), req("statuses", ref("link")))),
		req("author_association", assoc), req("auto_merge", &shape{kind: "null"}),
		opt("active_lock_reason", nullable(enum("resolved", "off-topic", "too heated", "spam"))),
		opt("merged", nullable(boolean())), opt("mergeable", nullable(boolean())), opt("rebaseable", nullable(boolean())),
		opt("mergeable_state", str("word")), opt("merged_by", nullable(ref("user"))), opt("comments", integer()),
		opt("review_comments", integer()), opt("maintainer_can_modify", boolean()), opt("commits", integer()),
		opt("additions", integer()), opt("deletions", integer()), opt("changed_files", integer())},
		urls("url", "html_url", "diff_url", "patch_url", "issue_url", "commits_url", "review_comments_url",
			"review_comment_url", "comments_url", "statuses_url")...)...)
	d["issue"] = obj(append([]prop{
		req("id", integer()), req("node_id", str("node")), req("number", integer()), req("title", str("text")),
		req("user", ref("user")), req("labels", arr(ref("label"), 0, 4)), req("state", enum("open", "closed")),
		req("locked", boolean()), req("assignee", nullable(ref("user"))), req("assignees", arr(ref("user"), 0, 2)),
		req("milestone", nullable(ref("milestone"))), req("comments", integer()), req("created_at", dateTime()),
		req("updated_at", dateTime()), req("closed_at", nullable(dateTime())), req("author_association", assoc),
		opt("active_lock_reason", nullable(enum("resolved", "off-topic", "too heated", "spam"))),
		req("body", nullable(str("text"))), req("reactions", ref("reactions")),
		opt("state_reason", nullable(enum("completed", "reopened", "not_planned"))),
		opt("performed_via_github_app", &shape{kind: "null"})},
		urls("url", "repository_url", "labels_url", "comments_url", "events_url", "html_url", "timeline_url")...)...)
}

// commitDefinitions adds committers, commits, repository references and check pull requests, and apps.
func commitDefinitions(d map[string]*shape) {
	d["committer"] = obj(req("name", str("word")), req("email", nullable(str("email"))),
		opt("date", dateTime()), opt("username", str("word")))
	d["commit"] = obj(req("id", str("sha")), req("tree_id", str("sha")), req("distinct", boolean()),
		req("message", str("text")), req("timestamp", dateTime()), req("url", uri()),
		req("author", ref("committer")), req("committer", ref("committer")),
		req("added", arr(str("word"), 0, 3)), req("removed", arr(str("word"), 0, 2)), req("modified", arr(str("word"), 0, 4)))
	d["simple_commit"] = obj(req("id", str("sha")), req("tree_id", str("sha")), req("message", str("text")),
		req("timestamp", dateTime()), req("author", ref("committer")), req("committer", ref("committer")))
	d["repo_ref"] = obj(req("id", integer()), req("url", uri()), req("name", str("word")))
	d["check_pull_request"] = obj(req("url", uri()), req("id", integer()), req("number", integer()),
		req("head", obj(req("ref", str("ref")), req("sha", str("sha")), req("repo", ref("repo_ref")))),
		req("base", obj(req("ref", str("ref")), req("sha", str("sha")), req("repo", ref("repo_ref")))))
	d["app"] = obj(req("id", integer()), opt("slug", str("word")), req("node_id", str("node")), req("owner", ref("user")),
		req("name", str("word")), req("description", nullable(str("text"))), req("external_url", uri()),
		req("html_url", uri()), req("created_at", dateTime()), req("updated_at", dateTime()),
		opt("permissions", &shape{kind: "map", elem: enum("read", "write")}), opt("events", arr(str("word"), 0, 6)))
}

// checkDefinitions adds check suites and runs, workflow runs, releases, comments, reviews and deployments.
func checkDefinitions(d map[string]*shape, assoc *shape) {
	d["check_suite"] = obj(req("id", integer()), req("node_id", str("node")), req("head_branch", nullable(str("word"))),
		req("head_sha", str("sha")), req("status", nullable(enum("requested", "in_progress", "completed", "queued"))),
		req("conclusion", nullable(enum("success", "failure", "neutral", "cancelled", "timed_out", "action_required", "stale", "skipped"))),
		req("url", uri()), req("before", nullable(str("sha"))), req("after", nullable(str("sha"))),
		req("pull_requests", arr(ref("check_pull_request"), 0, 2)), req("app", ref("app")),
		req("created_at", dateTime()), req("updated_at", dateTime()), req("rerequestable", boolean()),
		req("runs_rerequestable", boolean()), req("latest_check_runs_count", integer()), req("check_runs_url", uri()),
		req("head_commit", ref("simple_commit")))
	d["check_run"] = obj(req("id", integer()), req("node_id", str("node")), req("head_sha", str("sha")),
		req("external_id", str("word")), req("url", uri()), req("html_url", uri()), req("details_url", uri()),
		req("status", enum("queued", "in_progress", "completed")),
		req("conclusion", nullable(enum("success", "failure", "neutral", "cancelled", "timed_out", "action_required", "stale", "skipped"))),
		req("started_at", dateTime()), req("completed_at", nullable(dateTime())),
		req("output", obj(req("title", nullable(str("word"))), req("summary", nullable(str("text"))),
			req("text", nullable(str("text"))), req("annotations_count", integer()), req("annotations_url", uri()))),
		req("name", str("word")), req("check_suite", ref("check_suite")), req("app", ref("app")),
		req("pull_requests", arr(ref("check_pull_request"), 0, 2)))
	d["workflow_run"] = obj(req("id", integer()), req("name", nullable(str("word"))), req("node_id", str("node")),
		req("head_branch", nullable(str("word"))), req("head_sha", str("sha")), req("path", str("word")),
		req("run_number", integer()), req("event", str("word")),
		req("status", nullable(enum("requested", "in_progress", "completed", "queued", "pending", "waiting"))),
		req("conclusion", nullable(enum("success", "failure", "neutral", "cancelled", "timed_out", "action_required", "stale", "skipped"))),
		req("workflow_id", integer()), req("check_suite_id", integer()), req("check_suite_node_id", str("node")),
		req("url", uri()), req("html_url", uri()), req("pull_requests", arr(ref("check_pull_request"), 0, 2)),
		req("created_at", dateTime()), req("updated_at", dateTime()), req("actor", ref("user")),
		req("triggering_actor", nullable(ref("user"))), req("run_attempt", integer()), req("run_started_at", dateTime()),
		req("jobs_url", uri()), req("logs_url", uri()), req("check_suite_url", uri()), req("artifacts_url", uri()),
		req("cancel_url", uri()), req("rerun_url", uri()), req("workflow_url", uri()),
		req("head_commit", ref("simple_commit")), req("repository", ref("repo_ref")), req("head_repository", ref("repo_ref")))
	d["release_asset"] = obj(req("url", uri()), req("browser_download_url", uri()), req("id", integer()),
		req("node_id", str("node")), req("name", str("word")), req("label", nullable(str("word"))),
		req("state", enum("uploaded")), req("content_type", str("word")), req("size", integer()),
		req("download_count", integer()), req("created_at", dateTime()), req("updated_at", dateTime()),
		opt("uploader", nullable(ref("user"))))
	d["release"] = obj(req("url", uri()), req("assets_url", uri()), req("upload_url", uri()), req("html_url", uri()),
		req("id", integer()), req("node_id", str("node")), req("tag_name", str("word")),
		req("target_commitish", str("word")), req("name", nullable(str("word"))), req("draft", boolean()),
		req("author", ref("user")), req("prerelease", boolean()), req("created_at", nullable(dateTime())),
		req("published_at", nullable(dateTime())), req("assets", arr(ref("release_asset"), 0, 3)),
		req("tarball_url", nullable(uri())), req("zipball_url", nullable(uri())), req("body", nullable(str("text"))),
		opt("reactions", ref("reactions")))
	d["comment"] = obj(req("url", uri()), req("html_url", uri()), req("id", integer()), req("node_id", str("node")),
		req("user", ref("user")), req("created_at", dateTime()), req("updated_at", dateTime()),
		req("body", str("text")), req("author_association", assoc), req("reactions", ref("reactions")),
		opt("path", nullable(str("word"))), opt("position", nullable(integer())), opt("line", nullable(integer())),
		opt("commit_id", str("sha")))
	d["review"] = obj(req("id", integer()), req("node_id", str("node")), req("user", ref("user")),
		req("body", nullable(str("text"))), req("commit_id", str("sha")), req("submitted_at", nullable(dateTime())),
		req("state", enum("commented", "changes_requested", "approved", "dismissed")), req("html_url", uri()),
		req("pull_request_url", uri()), req("author_association", assoc),
		req("_links", obj(req("html", ref("link")), req("pull_request", ref("link")))))
	d["deployment"] = obj(req("url", uri()), req("id", integer()), req("node_id", str("node")), req("sha", str("sha")),
		req("ref", str("ref")), req("task", str("word")), req("payload", &shape{kind: "map", elem: str("word")}),
		req("original_environment", str("word")), req("environment", str("word")),
		req("description", nullable(str("text"))), req("creator", ref("user")), req("created_at", dateTime()),
		req("updated_at", dateTime()), req("statuses_url", uri()), req("repository_url", uri()),
		opt("performed_via_github_app", nullable(ref("app"))))
}

// event is one event type of the catalogue: its payload is an object, or a oneOf over its
// actions when it has several.
type event struct {
	name    string
	actions []string
	// nested names the actions whose payload is itself a oneOf of two shapes sharing the
	// action value (a reviewer or a team was requested).
	nested map[string]bool
	// body are the event's own properties beside the envelope.
	body func(action string) []prop
}

// genericResource is the event-specific object of the events without a shared definition:
// a few scalars, a nested object three levels deep and references to the shared objects.
func genericResource(name string) *shape {
	return obj(
		req("id", integer()), req("node_id", str("node")), req("name", str("word")),
		req("state", enum("active", "inactive", "pending", "archived")), req("url", uri()),
		req("created_at", dateTime()), req("updated_at", nullable(dateTime())),
		req("creator", ref("user")), opt("description", nullable(str("text"))),
		req("settings", obj(req("enabled", boolean()), req("level", enum("low", "medium", "high")),
			req("limits", obj(req("max", integer()), req("window", str("word")),
				opt("override", nullable(obj(req("by", ref("user")), req("reason", str("text"))))))))),
		opt("tags", arr(str("word"), 0, 4)),
	)
}

func catalogue() []event {
	env := func(extra ...prop) func(string) []prop {
		return func(string) []prop { return extra }
	}
	prActions := []string{"assigned", "auto_merge_disabled", "auto_merge_enabled", "closed", "converted_to_draft",
		"demilestoned", "dequeued", "edited", "enqueued", "labeled", "locked", "milestoned", "opened",
		"ready_for_review", "reopened", "review_request_removed", "review_requested", "synchronize", "unassigned",
		"unlabeled", "unlocked"}
	issueActions := []string{"assigned", "closed", "deleted", "demilestoned", "edited", "labeled", "locked",
		"milestoned", "opened", "pinned", "reopened", "transferred", "unassigned", "unlabeled", "unlocked",
		"unpinned", "typed"}
	changes := obj(opt("title", obj(req("from", str("text")))), opt("body", obj(req("from", str("text")))))
	events := []event{
		{name: "pull_request", actions: prActions, nested: map[string]bool{"review_requested": true, "review_request_removed": true},
			body: func(a string) []prop {
				ps := []prop{req("number", integer()), req("pull_request", ref("pull_request"))}
				switch a {
				case "assigned", "unassigned":
					ps = append(ps, req("assignee", nullable(ref("user"))))
				case "labeled", "unlabeled":
					ps = append(ps, opt("label", ref("label")))
				case "edited":
					ps = append(ps, req("changes", changes))
				case "synchronize":
					ps = append(ps, req("before", str("sha")), req("after", str("sha")))
				case "milestoned", "demilestoned":
					ps = append(ps, req("milestone", ref("milestone")))
				}
				return ps
			}},
		{name: "issues", actions: issueActions, body: func(a string) []prop {
			ps := []prop{req("issue", ref("issue"))}
			switch a {
			case "assigned", "unassigned":
				ps = append(ps, opt("assignee", nullable(ref("user"))))
			case "labeled", "unlabeled":
				ps = append(ps, opt("label", ref("label")))
			case "edited":
				ps = append(ps, req("changes", changes))
			case "milestoned", "demilestoned":
				ps = append(ps, req("milestone", ref("milestone")))
			}
			return ps
		}},
		{name: "push", body: env(req("ref", str("ref")), req("before", str("sha")), req("after", str("sha")),
			req("created", boolean()), req("deleted", boolean()), req("forced", boolean()),
			req("base_ref", nullable(str("ref"))), req("compare", uri()), req("commits", arr(ref("commit"), 1, 12)),
			req("head_commit", nullable(ref("commit"))), req("pusher", ref("committer")))},
		{name: "issue_comment", actions: []string{"created", "deleted", "edited"}, body: env(req("issue", ref("issue")), req("comment", ref("comment")))},
		{name: "pull_request_review", actions: []string{"dismissed", "edited", "submitted"}, body: env(req("review", ref("review")), req("pull_request", ref("pull_request")))},
		{name: "pull_request_review_comment", actions: []string{"created", "deleted", "edited"}, body: env(req("comment", ref("comment")), req("pull_request", ref("pull_request")))},
		{name: "check_suite", actions: []string{"completed", "requested", "rerequested"}, body: env(req("check_suite", ref("check_suite")))},
		{name: "check_run", actions: []string{"completed", "created", "requested_action", "rerequested"}, body: env(req("check_run", ref("check_run")))},
		{name: "workflow_run", actions: []string{"completed", "in_progress", "requested"}, body: env(req("workflow_run", ref("workflow_run")), req("workflow", obj(req("id", integer()), req("name", str("word")), req("path", str("word")), req("state", enum("active", "deleted", "disabled_manually")))))},
		{name: "release", actions: []string{"created", "deleted", "edited", "prereleased", "published", "released", "unpublished"}, body: env(req("release", ref("release")))},
		{name: "deployment", actions: []string{"created"}, body: env(req("deployment", ref("deployment")))},
		{name: "deployment_status", actions: []string{"created"}, body: env(req("deployment", ref("deployment")), req("deployment_status", obj(req("id", integer()), req("state", enum("pending", "success", "failure", "error")), req("creator", ref("user")), req("description", str("text")), req("environment", str("word")), req("target_url", str("word")), req("created_at", dateTime()), req("updated_at", dateTime()))))},
		{name: "team", actions: []string{"added_to_repository", "created", "deleted", "edited", "removed_from_repository"}, body: env(req("team", ref("team")))},
		{name: "label", actions: []string{"created", "deleted", "edited"}, body: env(req("label", ref("label")))},
		{name: "milestone", actions: []string{"closed", "created", "deleted", "edited", "opened"}, body: env(req("milestone", ref("milestone")))},
		{name: "star", actions: []string{"created", "deleted"}, body: env(req("starred_at", nullable(dateTime())))},
		{name: "watch", actions: []string{"started"}, body: env()},
		{name: "fork", body: env(req("forkee", ref("repository")))},
		{name: "create", body: env(req("ref", str("ref")), req("ref_type", enum("tag", "branch")), req("master_branch", str("word")), req("description", nullable(str("text"))), req("pusher_type", str("word")))},
		{name: "delete", body: env(req("ref", str("ref")), req("ref_type", enum("tag", "branch")), req("pusher_type", str("word")))},
		{name: "member", actions: []string{"added", "edited", "removed"}, body: env(req("member", ref("user")))},
		{name: "membership", actions: []string{"added", "removed"}, body: env(req("scope", enum("team")), req("member", ref("user")), req("team", ref("team")))},
		{name: "public", body: env()},
		{name: "ping", body: env(req("zen", str("text")), req("hook_id", integer()))},
	}
	others := genericEvents
	generic := []string{"created", "deleted", "edited", "resolved", "reopened", "dismissed", "approved",
		"denied", "updated", "archived"}
	for i, name := range others {
		n := i % 6 // 0 to 5 actions
		var acts []string
		for j := 0; j < n; j++ {
			acts = append(acts, generic[(i+j*3)%len(generic)])
		}
		key := name
		if key == "repository" || key == "organization" || key == "installation" {
			key += "_details" // the envelope has a property of that name
		}
		events = append(events, event{name: name, actions: dedupe(acts), body: env(req(key, ref(name+"_object")))})
	}
	return events
}

// genericEvents are the event types whose own object is a genericResource.
var genericEvents = []string{"branch_protection_rule", "code_scanning_alert", "commit_comment", "deploy_key", "discussion",
	"discussion_comment", "github_app_authorization", "gollum", "installation", "installation_repositories",
	"marketplace_purchase", "merge_group", "meta", "org_block", "organization", "package", "page_build",
	"project", "project_card", "project_column", "projects_v2_item", "registry_package", "repository",
	"repository_dispatch", "repository_import", "repository_vulnerability_alert", "secret_scanning_alert",
	"security_advisory", "sponsorship", "status", "team_add", "workflow_dispatch", "workflow_job",
	"dependabot_alert", "deployment_protection_rule", "repository_ruleset", "personal_access_token_request",
	"custom_property", "security_and_analysis", "installation_target", "merge_queue_entry", "projects_v2"}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// envelope is what every payload carries beside its event's own properties.
func envelope(ev event, action string) []prop {
	ps := []prop{req("event", konst(ev.name))}
	if action != "" {
		ps = append(ps, req("action", konst(action)))
	}
	ps = append(ps, ev.body(action)...)
	has := map[string]bool{}
	for _, p := range ps {
		has[p.name] = true
	}
	for _, p := range []prop{req("sender", ref("user")), req("repository", ref("repository")),
		opt("organization", ref("organization")), opt("installation", ref("installation_lite"))} {
		if !has[p.name] { // an event's own object of that name takes its place
			ps = append(ps, p)
		}
	}
	return ps
}

// defName is the definition name of an event (and action) payload.
func defName(ev string, parts ...string) string {
	return strings.Join(append([]string{ev + "_event"}, parts...), "$")
}

// build returns the definitions of the whole catalogue, the root union and the leaf payload
// shapes (one per action variant, two for a nested action), in order.
func build() (defs map[string]*shape, root *shape, leaves []*shape) {
	defs = definitions()
	root = &shape{kind: "oneOf"}
	for _, name := range genericEvents {
		defs[name+"_object"] = genericResource(name)
	}
	for _, ev := range catalogue() {
		if len(ev.actions) <= 1 {
			action := ""
			if len(ev.actions) == 1 {
				action = ev.actions[0]
			}
			s := obj(envelope(ev, action)...)
			defs[defName(ev.name)] = s
			leaves = append(leaves, s)
			root.alts = append(root.alts, ref(defName(ev.name)))
			continue
		}
		u := &shape{kind: "oneOf"}
		for _, a := range ev.actions {
			if ev.nested[a] {
				// Two payloads share the action: one names a reviewer, the other a team.
				one := obj(append(envelope(ev, a), req("requested_reviewer", ref("user")))...)
				two := obj(append(envelope(ev, a), req("requested_team", ref("team")))...)
				defs[defName(ev.name, a, "reviewer")] = one
				defs[defName(ev.name, a, "team")] = two
				defs[defName(ev.name, a)] = oneOf(ref(defName(ev.name, a, "reviewer")), ref(defName(ev.name, a, "team")))
				leaves = append(leaves, one, two)
			} else {
				s := obj(envelope(ev, a)...)
				defs[defName(ev.name, a)] = s
				leaves = append(leaves, s)
			}
			u.alts = append(u.alts, ref(defName(ev.name, a)))
		}
		defs[defName(ev.name)] = u
		root.alts = append(root.alts, ref(defName(ev.name)))
	}
	return defs, root, leaves
}

// Schema returns the catalogue's schema: a draft-07 document whose root is the oneOf of every
// event type, with every payload and shared object under definitions.
func Schema() []byte {
	defs, root, _ := build()
	// The union of every event is also a definition, so that it is a Go type (Webhook).
	defs["webhook"] = root
	out := map[string]any{
		"$schema":     "http://json-schema.org/draft-07/schema#",
		"$id":         "https://example.com/deepevents/webhooks.schema.json",
		"title":       "Webhook",
		"description": "A synthetic webhook catalogue for namigen's decoding benchmarks (cmd/deepcorpus).",
	}
	for k, v := range root.schema() {
		out[k] = v
	}
	ds := map[string]any{}
	for _, name := range sortedNames(defs) {
		ds[name] = defs[name].schema()
	}
	out["definitions"] = ds
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(data, '\n')
}

// Payload is one valid payload of the catalogue.
type Payload struct {
	Name string // event, action and variant, e.g. "pull_request$opened#2"
	Data []byte
}

// Payloads returns the valid payloads: perLeaf per payload shape, each of 5 to 40 KB (a
// payload outside that range is drawn again).
func Payloads(perLeaf int) []Payload {
	defs, _, leaves := build()
	r := rand.New(rand.NewPCG(Seed, Seed>>1))
	var out []Payload
	for i, leaf := range leaves {
		for k := 0; k < perLeaf; k++ {
			for try := 0; ; try++ {
				g := &gen{r: r, defs: defs, b: new(bytes.Buffer)}
				g.value(leaf)
				if n := g.b.Len(); (n >= 5<<10 && n <= 40<<10) || try == 50 {
					out = append(out, Payload{Name: fmt.Sprintf("%s#%d", leafName(leaf, i), k), Data: g.b.Bytes()})
					break
				}
			}
		}
	}
	return out
}

// leafName names a payload shape by its event and action consts.
func leafName(s *shape, i int) string {
	name := fmt.Sprintf("leaf%d", i)
	for _, p := range s.props {
		switch p.name {
		case "event":
			name = p.s.val
		case "action":
			name += "$" + p.s.val
		case "requested_reviewer":
			name += "$reviewer"
		case "requested_team":
			name += "$team"
		}
	}
	return name
}

// Stats describes the corpus, for the README and the tests.
type Stats struct {
	EventTypes, Definitions, Leaves, MaxBranches int
}

// Describe counts the corpus's event types, definitions, payload shapes and widest union.
func Describe() Stats {
	defs, root, leaves := build()
	st := Stats{EventTypes: len(root.alts), Definitions: len(defs), Leaves: len(leaves)}
	for _, d := range defs {
		if d.kind == "oneOf" && len(d.alts) > st.MaxBranches {
			st.MaxBranches = len(d.alts)
		}
	}
	return st
}

// PerLeaf is the number of payloads the benchmarks draw for each payload shape.
const PerLeaf = 2
