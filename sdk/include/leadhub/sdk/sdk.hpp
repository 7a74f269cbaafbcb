// Everything a plugin needs, in one include.
#pragma once

#include <leadhub/sdk/abi.h>
#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/host.hpp>
#include <leadhub/sdk/iso8601.hpp>
#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/option_set.hpp>
#include <leadhub/sdk/options.hpp>
#include <leadhub/sdk/plugin.hpp>
#include <leadhub/sdk/reading.hpp>
#include <leadhub/sdk/safe_text.hpp>
#include <leadhub/sdk/text_template.hpp>
#include <leadhub/sdk/types.hpp>
