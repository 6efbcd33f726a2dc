"""The word list join codes are made of: 256 short, common English words, easy to read aloud.

Sorted, distinct, lower-case letters only, no two words the same when spoken in a
noisy room as far as a list this size allows. Each word carries exactly 8 bits.
"""

WORDS: tuple[str, ...] = tuple(
    """
    acorn actor adobe agent alarm album alpine amber anchor angle ankle apple apron arena arrow aspen
    atlas attic autumn badge bagel baker bamboo banjo barley basin beacon beetle bench berry bison
    blade blanket blossom bonus border bottle boxer bramble breeze brick bridge bronze brook bucket
    bugle butter cabin cactus camel candle canoe canvas canyon carbon cargo carpet castle cedar cello
    chalk cherry chess chimney cider circus citrus clover cobalt cocoa comet copper coral cotton cougar
    crater crayon cricket crystal cupola daisy delta denim desert dingo dolphin domino donkey dragon
    drum eagle easel echo elbow ember emerald engine fabric falcon feather fennel ferry fiddle fig
    flannel flint forest fossil fox galaxy garden garlic gazelle geyser ginger glacier goblet granite
    grape gravel guitar hammer harbor hazel helmet heron hickory honey hornet husky igloo indigo iris
    island ivory jacket jaguar jasmine jelly jigsaw jungle kayak kettle kiwi koala ladder lagoon
    lantern lava lemon lentil lily linen lobster locket lotus magnet mango maple marble meadow melon
    meteor mint mirror moose mosaic muffin nectar needle nickel noodle nutmeg oasis olive onion opal
    orbit orchid otter oyster paddle panda papaya parcel parrot pebble pepper piano pickle pilot pine
    planet plum pocket poppy pretzel puffin pumpkin quail quartz quilt rabbit radish raven reef ribbon
    ripple river robin rocket saddle salmon satin scarf sesame shadow shell silver sketch sloth spruce
    statue stone storm sugar summit sunset swan teapot thimble thistle tiger timber tomato topaz
    tractor tulip tundra turnip umbrella valley velvet violin wagon walnut walrus willow window winter
    wizard yacht yogurt zebra zephyr zinnia    """.split()
)
