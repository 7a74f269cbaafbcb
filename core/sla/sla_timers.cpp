#include "sla/sla_timers.hpp"

namespace leadhub::sla {

int64_t step_offset_ms(const config::SlaTier& tier, const config::SlaStep& step) {
    if (step.percent > 0 && tier.target) return tier.target->count() * step.percent / 100;
    return step.after.count();
}

std::vector<store::TimerSpec> sla_timers(const config::SlaConfig& sla, const std::string& score, int64_t arrived_ms,
                                         const AddWorkingTime& add_working_time) {
    std::vector<store::TimerSpec> out;
    const config::SlaTier* tier = sla.tier(score);
    if (!sla.enabled || !tier || !tier->target) return out;
    auto arm = [&](const std::string& purpose, int step, int64_t after_ms) {
        auto due = add_working_time(arrived_ms, after_ms);
        if (!due) return;
        store::TimerSpec spec;
        spec.purpose = purpose;
        spec.due_at_ms = *due;
        spec.payload = {{"tier", score}, {"step", step}, {"after_ms", after_ms}};
        out.push_back(std::move(spec));
    };
    arm("sla:breach", 0, tier->target->count());
    for (std::size_t i = 0; i < tier->ladder.size(); ++i)
        arm("sla:" + std::to_string(i + 1), static_cast<int>(i + 1), step_offset_ms(*tier, tier->ladder[i]));
    return out;
}

}  // namespace leadhub::sla
