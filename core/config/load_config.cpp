// Reading the files: the main config, then one tenant per file under tenants_dir; every error
// from every file is collected before the result is returned.
#include "config/secret_mask.hpp"
#include "config/sections.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <iterator>
#include <tuple>

namespace leadhub::config {

namespace {

namespace fs = std::filesystem;

// `{token: ${X}}` is the commonest syntax error: in a flow mapping or list, `{` and `}` end a
// plain scalar. When the failing line has an unquoted reference, say so.
std::string reference_hint(const std::string& content, int line) {
    std::size_t begin = 0;
    for (int i = 0; i < line && begin != std::string::npos; ++i) {
        begin = content.find('\n', begin);
        if (begin != std::string::npos) ++begin;
    }
    if (begin == std::string::npos) return "";
    const std::string text = content.substr(begin, content.find('\n', begin) - begin);
    for (const char* unquoted : {": ${", "[${", ", ${"})
        if (text.find(unquoted) != std::string::npos)
            return " (inside {...} or [...] write a reference in quotes: \"${NAME}\")";
    return "";
}

// Parses one YAML file; a missing, unreadable, empty or malformed file is one error and nullopt.
std::optional<YAML::Node> parse_yaml_file(const std::string& display, const fs::path& path,
                                          std::vector<ConfigError>& errors) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        errors.push_back({display, 0, 0, "cannot open config file '" + display + "': no such file"});
        return std::nullopt;
    }
    if (fs::is_directory(path, ec)) {
        errors.push_back({display, 0, 0, "cannot read config file '" + display + "': it is a directory"});
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        errors.push_back({display, 0, 0, "cannot read config file '" + display + "': permission denied or I/O error"});
        return std::nullopt;
    }
    const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        YAML::Node root = YAML::Load(content);
        if (!root.IsDefined() || root.IsNull()) {
            errors.push_back({display, 0, 0, "the file is empty: expected a YAML mapping"});
            return std::nullopt;
        }
        return root;
    } catch (const YAML::Exception& e) {
        bool known = !e.mark.is_null() && e.mark.line >= 0;
        errors.push_back({display, known ? e.mark.line + 1 : 0, known ? e.mark.column + 1 : 0,
                          "YAML syntax error: " + e.msg + (known ? reference_hint(content, e.mark.line) : "")});
        return std::nullopt;
    }
}

// The *.yaml / *.yml files of `dir`, by name, so tenants load in a stable order.
std::vector<fs::path> tenant_files(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const auto ext = entry.path().extension();
        if (entry.is_regular_file(ec) && (ext == ".yaml" || ext == ".yml")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

struct TenantReading {
    std::vector<TenantConfig> tenants;
    int mappings_seen = 0;  // tenants written, read well or not
};

void read_tenants_dir(YamlReader& reader, const YAML::Node& root, const std::string& config_path, const Environment& env,
                      const ManifestLookup& manifests, const InstanceDefaults& defaults, std::vector<ConfigError>& errors,
                      TenantReading& out) {
    YAML::Node node = reader.get(root, "tenants_dir");
    auto dir_text = reader.text(node, "a directory of tenant files, e.g. clients/");
    if (!dir_text) return;
    const fs::path dir = reader.resolve_path(*dir_text);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        reader.error(node.Mark(), "tenants_dir '" + *dir_text + "' is not a directory (looked at " + dir.string() + ")");
        return;
    }
    const fs::path shown_dir = fs::path(*dir_text).is_absolute()
                                   ? fs::path(*dir_text)
                                   : fs::path(config_path).parent_path() / *dir_text;
    for (const auto& file : tenant_files(dir)) {
        const std::string display = (shown_dir / file.filename()).lexically_normal().string();
        ++out.mappings_seen;
        auto tenant_root = parse_yaml_file(display, file, errors);
        if (!tenant_root) continue;
        YamlReader tenant_reader(display, file.parent_path(), env, errors, reader.secrets());
        if (auto tenant = read_tenant(tenant_reader, *tenant_root, manifests, defaults))
            out.tenants.push_back(std::move(*tenant));
    }
}

void check_unique_tenant_ids(YamlReader& reader, const std::vector<TenantConfig>& tenants) {
    std::map<std::string, const TenantConfig*> seen;
    for (const auto& tenant : tenants) {
        auto [it, fresh] = seen.emplace(tenant.id, &tenant);
        if (fresh) continue;
        const SourceLocation& first = it->second->location;
        reader.error(tenant.location, "duplicate tenant id '" + tenant.id + "' (first defined at " + first.file + ":" +
                                          std::to_string(first.line) + ")");
    }
}

// Errors in file order: by file (in the order files were read), then line and column.
void sort_errors(std::vector<ConfigError>& errors) {
    std::map<std::string, std::size_t> file_rank;
    for (const auto& e : errors) file_rank.emplace(e.file, file_rank.size());
    std::stable_sort(errors.begin(), errors.end(), [&](const ConfigError& a, const ConfigError& b) {
        return std::tuple(file_rank[a.file], a.line, a.column) < std::tuple(file_rank[b.file], b.line, b.column);
    });
}

LoadResult load_config_unguarded(const std::string& path, const ManifestLookup& manifests, const Environment& env) {
    LoadResult result;
    auto root = parse_yaml_file(path, fs::path(path), result.errors);
    if (!root) return result;

    Config config;
    config.file = path;
    std::error_code ec;
    const fs::path base_dir = fs::absolute(fs::path(path), ec).parent_path().lexically_normal();
    config.base_dir = base_dir.string();
    YamlReader reader(path, base_dir, env, result.errors, result.secrets);
    if (!reader.expect_map(*root, "a mapping of config sections (version, listen, admin, tenants, ...)")) return result;
    reader.check_keys(*root, top_level_keys(), "the config file");

    InstanceDefaults defaults;
    read_server_sections(reader, *root, config, defaults);

    TenantReading tenants;
    YAML::Node list = reader.get(*root, "tenants");
    if (present(list) && reader.expect_list(list, "a list of tenants")) {
        for (const auto& node : list) {
            ++tenants.mappings_seen;
            if (auto tenant = read_tenant(reader, node, manifests, defaults)) tenants.tenants.push_back(std::move(*tenant));
        }
    }
    read_tenants_dir(reader, *root, path, env, manifests, defaults, result.errors, tenants);
    if (tenants.mappings_seen == 0)
        reader.error(root->Mark(), "no tenants: add at least one under 'tenants:' or point 'tenants_dir:' at a "
                                   "directory of tenant files");
    check_unique_tenant_ids(reader, tenants.tenants);
    config.tenants = std::move(tenants.tenants);

    if (!result.errors.empty()) {
        sort_errors(result.errors);
        return result;
    }
    config.secrets = secrets_to_mask(result.secrets);
    result.config = std::move(config);
    return result;
}

}  // namespace

LoadResult load_config(const std::string& path, const ManifestLookup& manifests, const Environment& env) {
    // Bad input is reported by the readers; this only turns a surprise (a throwing lookup or
    // environment callback, a yaml-cpp conversion) into an error instead of a crash.
    LoadResult result;
    try {
        result = load_config_unguarded(path, manifests, env);
    } catch (const std::exception& e) {
        result = LoadResult{};
        result.errors.push_back({path, 0, 0, std::string("could not load the config: ") + e.what()});
    }
    // An error may quote the value it is about ("must be one of POST, PUT, got '<a token>'"), and
    // errors are printed by `leadhub validate` and `leadhub run` and kept by a refused reload.
    result.secrets = secrets_to_mask(std::move(result.secrets));
    for (auto& error : result.errors) error.message = mask_secret_values(std::move(error.message), result.secrets);
    return result;
}

}  // namespace leadhub::config
